/** Reading a booking or a place in a waiting list: which list it belongs in, what can be done with it, and the
 *  messages for failures. */

export const BOOK_ERROR_TEXT = {
  session_full: "Sorry, this session is full.",
  already_booked: "You already have a booking for this session.",
  session_cancelled: "This session has been cancelled.",
  session_started: "This session has already started.",
};

export const REACTIVATE_ERROR_TEXT = {
  session_full: "Sorry, this session is full now.",
  session_cancelled: "This session has been cancelled.",
};

/** Joining a waiting list; each refusal is followed by fresh data (a free seat shows its Book button). */
export const WAITLIST_ERROR_TEXT = {
  seats_available: "A seat is free in this session now: book it instead.",
  already_booked: "You already have a booking for this session.",
  already_waiting: "You're already on the waiting list for this session.",
  session_cancelled: "This session has been cancelled.",
  session_started: "This session has already started.",
};

export const LEAVE_ERROR_TEXT = {
  not_waiting: "You're no longer on this waiting list: if a seat came free for you, it's in My bookings.",
};

/** The text for a failed booking action: ours for the known codes, else the server's (or the client's) message. */
export function errorText(error, texts) {
  return texts[error?.code] ?? error?.message ?? "Something went wrong. Try again.";
}

const startsAt = (booking) => new Date(booking.session?.starts_at).getTime();
const endsAt = (booking) => new Date(booking.session?.ends_at ?? booking.session?.starts_at).getTime();

export const isSessionCancelled = (booking) => booking.session?.status === "cancelled";

/** {upcoming, past, cancelled}: active ones not yet over (soonest first), active ones over, cancelled ones. */
export function groupBookings(bookings, now = Date.now()) {
  const upcoming = [];
  const past = [];
  const cancelled = [];
  for (const booking of bookings) {
    if (booking.status !== "active") cancelled.push(booking);
    else if (endsAt(booking) <= now) past.push(booking);
    else upcoming.push(booking);
  }
  upcoming.sort((a, b) => startsAt(a) - startsAt(b));
  past.sort((a, b) => startsAt(b) - startsAt(a));
  cancelled.sort((a, b) => startsAt(a) - startsAt(b));
  return { upcoming, past, cancelled };
}

/** A cancelled booking can come back while its session is still on and has not started. */
export function canReactivate(booking, now = Date.now()) {
  return booking.status === "cancelled" && booking.session?.status === "scheduled" && startsAt(booking) > now;
}

/** Cancelling is for seats still ahead: a session under way or over is left as it is. */
export const canCancel = (booking, now = Date.now()) => booking.status === "active" && startsAt(booking) > now;

/** Adding to a calendar is for active bookings whose session is not over yet (a past one has no use there). */
export const canAddToCalendar = (booking, now = Date.now()) => booking.status === "active" && endsAt(booking) > now;

/** Why a cancelled booking is cancelled, in words; null for an active one. */
export function cancellationNote(booking) {
  if (booking.status === "active") return null;
  let reason = booking.cancel_reason?.trim();
  if (isSessionCancelled(booking)) {
    // Without a reason of their own the API stores a generic sentence; repeating it would read twice.
    if (reason && /^the facilitator cancelled/i.test(reason)) reason = null;
    return reason ? `Cancelled by the facilitator: ${reason}` : "Cancelled by the facilitator.";
  }
  return reason ? `You cancelled this booking: ${reason}` : "You cancelled this booking.";
}

/** Ids of the sessions the user holds an active booking for. */
export function activeSessionIds(bookings = []) {
  return new Set(bookings.filter((booking) => booking.status === "active").map((booking) => booking.session_id));
}

/** The places in waiting lists by session id. */
export function placesBySession(waiting = []) {
  return new Map(waiting.map((place) => [place.session_id, place]));
}

/** Places in waiting lists, the soonest session first. */
export const sortedPlaces = (waiting = []) => [...waiting].sort((a, b) => startsAt(a) - startsAt(b));
