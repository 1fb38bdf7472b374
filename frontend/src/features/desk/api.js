/** The front desk on the main API, through the current studio's base (lib/studio.jsx): the studio's sessions, a
 *  walk-in, booking a client into a class and selling a pass at the desk. Every key holds the base, so switching
 *  studio reads afresh. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchAllPages } from "../../lib/api-client.js";
import { useApi } from "../../lib/auth.jsx";
import { useStudio } from "../../lib/studio.jsx";

export const deskKeys = {
  all: ["desk"],
  events: (base) => ["desk", base, "events"],
  passes: (slug) => ["desk", "passes", slug],
  clients: (base, typed) => ["desk", base, "clients", typed],
};

/** The studio's clients whose name, email or phone starts with `typed` (2 characters at least), each with their
 *  passes of this studio good to book with now: {items, more}; desk.walkins. */
export function useDeskClients(typed) {
  const { main } = useApi();
  const { base, ready } = useStudio();
  const q = typed.trim();
  return useQuery({
    queryKey: deskKeys.clients(base, q),
    queryFn: ({ signal }) => main.get(`${base}/desk/clients`, { params: { q }, signal }),
    enabled: ready && q.length >= 2,
    placeholderData: (previous) => previous,
  });
}

/** The studio's events with their sessions, as far as my role reaches (a front desk: today's and tomorrow's). */
export function useDeskEvents() {
  const { main } = useApi();
  const { base, ready } = useStudio();
  return useQuery({
    queryKey: deskKeys.events(base),
    queryFn: ({ signal }) => fetchAllPages(main, `${base}/events`, { signal }),
    enabled: ready,
  });
}

/** The studio's passes on sale, from its public page (GET /api/public/studios/<slug>: a front desk has no
 *  passes.manage to read the staff list). */
export function useStudioPassesOnSale() {
  const { main } = useApi();
  const { studio, ready } = useStudio();
  const slug = studio?.slug;
  return useQuery({
    queryKey: deskKeys.passes(slug),
    queryFn: ({ signal }) => main.get(`/api/public/studios/${encodeURIComponent(slug)}`, { signal }).then((page) => page.passes ?? []),
    enabled: ready && Boolean(slug),
  });
}

/** After a desk action: the sessions' seats again. */
function useDeskChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: deskKeys.all });
}

/** {name, email, paid_at_door?} → {booking_id, user_id, new_account, result}: booked and checked in at once. */
export function useDeskWalkIn(sessionId) {
  const { main } = useApi();
  const { base } = useStudio();
  const changed = useDeskChanged();
  return useMutation({
    mutationFn: (person) => main.post(`${base}/sessions/${encodeURIComponent(sessionId)}/walk-ins`, person),
    onSettled: changed,
  });
}

/** {session_id, email | user_id, name?, use: "pass"|"door"|"free", pass_id?, method?, amount?, seats?} → the booking: a client booked
 *  into a class at the desk (not checked in); desk.walkins. */
export function useDeskBooking() {
  const { main } = useApi();
  const { base } = useStudio();
  const changed = useDeskChanged();
  return useMutation({ mutationFn: (booking) => main.post(`${base}/desk/bookings`, booking), onSettled: changed });
}

/** {product_id, name, email, method} → {pass, payment, user_id, new_account}: good at once, paid at the desk. */
export function useSellPass() {
  const { main } = useApi();
  const { base } = useStudio();
  return useMutation({ mutationFn: (sale) => main.post(`${base}/desk/passes`, sale) });
}
