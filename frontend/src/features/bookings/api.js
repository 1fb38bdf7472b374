/** A user's bookings: list (GET /bookings), book, cancel and reactivate; each change refreshes bookings and events. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi, useAuth } from "../../lib/auth.jsx";
import { EVENTS_ROOT_KEY } from "../../lib/query-client.js";

export const bookingKeys = {
  all: ["bookings"],
  mine: (userId) => ["bookings", "mine", userId],
};

const PAGE_SIZE = 100; // the API's largest page
const MAX_PAGES = 20;

/** Every booking of the caller, newest first, across pages. */
export async function fetchAllBookings(main, { signal } = {}) {
  const items = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const answer = await main.get("/bookings", { params: { page, per_page: PAGE_SIZE }, signal });
    items.push(...(answer.items ?? []));
    if (page >= (answer.pages ?? 1)) break;
  }
  return items;
}

/** The signed-in user's bookings; only for `user` accounts (staff get 403 from the API). */
export function useMyBookings({ enabled = true } = {}) {
  const { main } = useApi();
  const { user } = useAuth();
  return useQuery({
    queryKey: bookingKeys.mine(user?.id ?? null),
    queryFn: ({ signal }) => fetchAllBookings(main, { signal }),
    enabled: enabled && user?.role === "user",
  });
}

/** A mutation whose outcome (success or not) may have moved seats: bookings and events are read again. */
function useBookingMutation(mutationFn) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: bookingKeys.all }),
        queryClient.invalidateQueries({ queryKey: EVENTS_ROOT_KEY }),
      ]),
  });
}

export function useBookSession() {
  const { main } = useApi();
  return useBookingMutation((sessionId) => main.post("/bookings/book", { session_id: sessionId }));
}

export function useCancelBooking() {
  const { main } = useApi();
  return useBookingMutation((bookingId) => main.post(`/bookings/${bookingId}/cancel`, {}));
}

export function useReactivateBooking() {
  const { main } = useApi();
  return useBookingMutation((bookingId) => main.post(`/bookings/${bookingId}/reactivate`));
}
