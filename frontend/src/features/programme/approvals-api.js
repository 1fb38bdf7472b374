/** Requests to book my events that require approval: the queue waiting for my decision, approving and declining. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchAllPages } from "../../lib/api-client.js";
import { programmeKeys, useProgrammeApi } from "./api.js";

const approvalKeys = (scope) => ["programme", scope, "approvals"];

/** Every request waiting for me, oldest first: [{booking_id, seats, guests, requested_at, hold_until, person, session,
 *  event, answers}], read afresh whenever the page opens. */
export function useApprovals() {
  const { scope, main, base } = useProgrammeApi();
  return useQuery({
    queryKey: approvalKeys(scope),
    queryFn: ({ signal }) => fetchAllPages(main, `${base}/approvals`, { signal }),
    enabled: Boolean(scope),
    staleTime: 0,
  });
}

/** A decision moves seats: the queue and my events are read again, whatever the answer (a 409 means it moved on). */
function useDecision(mutationFn) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries({ queryKey: programmeKeys.all }) });
}

/** bookingId → the booking (active, or pending_payment for a paid session); 409 not_pending_approval. */
export function useApprove() {
  const { main, base } = useProgrammeApi();
  return useDecision((bookingId) => main.post(`${base}/bookings/${encodeURIComponent(bookingId)}/approve`, {}));
}

/** {bookingId, message} → the booking, cancelled; 400 naming message; 409 not_pending_approval. */
export function useDecline() {
  const { main, base } = useProgrammeApi();
  return useDecision(({ bookingId, message }) => main.post(`${base}/bookings/${encodeURIComponent(bookingId)}/decline`, { message }));
}
