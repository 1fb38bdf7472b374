/** A user's bookings and places in waiting lists: list (GET /bookings), one booking (GET /bookings/<id>, polled while
 *  its payment is awaited), book, pay, cancel, reactivate, join and leave a waiting list (each change refreshes
 *  bookings and events), one booking's calendar file, and an online class's video link (GET /bookings/<id>/join). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchAllPages } from "../../lib/api-client.js";
import { useApi, useAuth } from "../../lib/auth.jsx";
import { EVENTS_ROOT_KEY, PASSES_ROOT_KEY } from "../../lib/query-client.js";
import { saveBlob } from "../../lib/save-blob.js";
import { bookingCalendarFilename, bookingCalendarPath } from "./calendar-links.js";
import { WHATSAPP_KEY, whatsappRequest } from "./whatsapp-api.js";

export const bookingKeys = {
  all: ["bookings"],
  mine: (userId) => ["bookings", "mine", userId],
  one: (bookingId) => ["bookings", "one", String(bookingId)],
  join: (bookingId) => ["bookings", "join", String(bookingId)],
  guestJoin: (token) => ["bookings", "guest-join", token],
};

/** {bookings, waiting}: every booking of the caller (newest first, across pages) and their places in waiting lists
 *  (not paged: each page carries them all). */
export async function fetchMyBookings(main, options) {
  let waiting = [];
  const reading = {
    get: async (path, request) => {
      const answer = await main.get(path, request);
      waiting = answer.waiting ?? waiting;
      return answer;
    },
  };
  const bookings = await fetchAllPages(reading, "/bookings", options);
  return { bookings, waiting };
}

/** The signed-in user's {bookings, waiting}; only for `user` accounts (staff get 403 from the API). */
export function useMyBookings({ enabled = true } = {}) {
  const { main } = useApi();
  const { user } = useAuth();
  return useQuery({
    queryKey: bookingKeys.mine(user?.id ?? null),
    queryFn: ({ signal }) => fetchMyBookings(main, { signal }),
    enabled: enabled && user?.role === "user",
  });
}

/**
 * One of the caller's bookings (404 for anyone else's). pollMs: read it again that often while `poll(booking)` is
 * true (the return page polls while the payment is awaited); polling stops when the page goes.
 */
export function useBooking(bookingId, { pollMs = false, poll = () => false } = {}) {
  const { main } = useApi();
  return useQuery({
    queryKey: bookingKeys.one(bookingId),
    queryFn: ({ signal }) => main.get(`/bookings/${encodeURIComponent(bookingId)}`, { signal }),
    refetchInterval: (query) => (pollMs && query.state.data && poll(query.state.data) ? pollMs : false),
  });
}

/** The video link of one of the caller's online or hybrid classes: {booking_id, session_id, url}; 404
 *  booking_not_found (not theirs), 409 booking_not_active (cancelled, not confirmed yet) or join_not_ready (in person
 *  only, or no link added yet). Read once per visit: not again on window focus. */
export function useJoinLink(bookingId) {
  const { main } = useApi();
  return useQuery({
    queryKey: bookingKeys.join(bookingId),
    queryFn: ({ signal }) => main.get(`/bookings/${encodeURIComponent(bookingId)}/join`, { signal }),
    staleTime: 0,
    refetchOnWindowFocus: false,
  });
}

/** A guest's join address (GET /guests/join/<token>): no sign-in, the token names their seat. */
export function useGuestJoinLink(token) {
  const { main } = useApi();
  return useQuery({
    queryKey: bookingKeys.guestJoin(token),
    queryFn: ({ signal }) => main.get(`/guests/join/${encodeURIComponent(token)}`, { signal }),
    staleTime: 0,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

/** A mutation whose outcome (success or not) may have moved seats, or a pass's credits: bookings, events and passes
 *  are read again. */
function useBookingMutation(mutationFn) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: bookingKeys.all }),
        queryClient.invalidateQueries({ queryKey: EVENTS_ROOT_KEY }),
        queryClient.invalidateQueries({ queryKey: PASSES_ROOT_KEY }),
      ]),
  });
}

/** request: a session's id (one seat), or {sessionId, seats, guests} (a booking for several people). */
const seatsRequest = (request) => (typeof request === "object" ? { seats: request.seats, guests: request.guests } : {});
const sessionOf = (request) => (typeof request === "object" ? request.sessionId : request);
const passRequest = (request) => (typeof request === "object" && request.passId != null ? { pass_id: request.passId } : {});
const codeRequest = (request) => (typeof request === "object" && request.code ? { code: request.code } : {});
const optionRequest = (request) => (typeof request === "object" && request.optionId != null ? { option_id: request.optionId } : {});
const dependentRequest = (request) => (typeof request === "object" && request.dependentId != null ? { dependent_id: request.dependentId } : {});
const answersRequest = (request) => (typeof request === "object" && request.answers && Object.keys(request.answers).length ? { answers: request.answers } : {});

/** request as above, with passId: the pass to book with (its credits pay; no checkout), code: a discount code
 *  taken off the price (one that leaves nothing to pay books at once, without a checkout), optionId: the room
 *  option booked (a session with options needs one; so does its waiting list), answers: the event's intake
 *  questions answered ({"<question id>": answer}), dependentId: the child of the person's family the seat is for,
 *  and whatsappWording: the WhatsApp opt-in's words shown, when the person ticked its box (recorded with the
 *  booking; their opt-in is read again after). */
export function useBookSession() {
  const { main } = useApi();
  const queryClient = useQueryClient();
  return useBookingMutation(async (request) => {
    const booked = await main.post("/bookings/book", { session_id: sessionOf(request), ...seatsRequest(request), ...passRequest(request), ...codeRequest(request), ...optionRequest(request), ...answersRequest(request), ...whatsappRequest(request), ...dependentRequest(request) });
    if (booked?.whatsapp) queryClient.invalidateQueries({ queryKey: WHATSAPP_KEY });
    return booked;
  });
}

/** Gives back one guest's seat of an active booking ({bookingId, guestId}) → the booking, one seat fewer. */
export function useCancelGuest() {
  const { main } = useApi();
  return useBookingMutation(({ bookingId, guestId }) => main.post(`/bookings/${encodeURIComponent(bookingId)}/guests/${encodeURIComponent(guestId)}/cancel`, {}));
}

/** A fresh checkout for a booking still awaiting its payment → the booking with payment.checkout_url (409
 *  not_pending once it is paid, expired or cancelled). */
export function usePayBooking() {
  const { main } = useApi();
  return useBookingMutation((bookingId) => main.post(`/bookings/${bookingId}/pay`, {}));
}

/** A checkout for one instalment of a booking under a payment plan: {bookingId, number} → {checkout_url, ...}. */
export function usePayInstalment() {
  const { main } = useApi();
  return useBookingMutation(({ bookingId, number }) => main.post(`/bookings/${bookingId}/instalments/${number}/pay`, {}));
}

export function useCancelBooking() {
  const { main } = useApi();
  return useBookingMutation((bookingId) => main.post(`/bookings/${bookingId}/cancel`, {}));
}

export function useReactivateBooking() {
  const { main } = useApi();
  return useBookingMutation((bookingId) => main.post(`/bookings/${bookingId}/reactivate`));
}

const waitlistPath = (sessionId) => `/sessions/${encodeURIComponent(sessionId)}/waitlist`;

/** Joins a full session's waiting list (request as for booking: a group waits as one place; dependentId: the place
 *  is for that child of the family) → {session_id, status: "waiting", position} or, when the seats came free at that
 *  moment, {status: "active", booking_id}. */
export function useJoinWaitlist() {
  const { main } = useApi();
  return useBookingMutation((request) => {
    const body = { ...seatsRequest(request), ...optionRequest(request), ...dependentRequest(request) };
    return Object.keys(body).length ? main.post(waitlistPath(sessionOf(request)), body) : main.post(waitlistPath(sessionOf(request)));
  });
}

/** Leaves a waiting list: the place as GET /bookings lists it (a child's place takes that child out of the line). */
export function useLeaveWaitlist() {
  const { main } = useApi();
  return useBookingMutation((place) => {
    const child = place.for?.id;
    return main.delete(child == null ? waitlistPath(place.session_id) : `${waitlistPath(place.session_id)}?dependent_id=${encodeURIComponent(child)}`);
  });
}

/** Fetches a booking's ICS file with the token (a plain link could not send it) and saves it as booking-<id>.ics. */
export function useDownloadBookingCalendar(bookingId) {
  const { main } = useApi();
  return useMutation({
    mutationFn: async () => {
      const blob = await main.download(bookingCalendarPath(bookingId));
      saveBlob(blob, bookingCalendarFilename(bookingId));
    },
  });
}
