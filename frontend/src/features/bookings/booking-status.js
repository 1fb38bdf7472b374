/** Reading a booking or a place in a waiting list: which list it belongs in, what can be done with it, and the
 *  messages for failures. */

export const BOOK_ERROR_TEXT = {
  session_full: "Sorry, this session is full.",
  already_booked: "You already have a booking for this session.",
  session_cancelled: "This session has been cancelled.",
  session_started: "This session has already started.",
};

/** Asking for a fresh checkout of a booking whose payment is awaited. */
export const PAY_ERROR_TEXT = {
  not_pending: "This booking is no longer waiting for a payment.",
};

export const REACTIVATE_ERROR_TEXT = {
  approval_required: "This event approves each booking: book again to send a new request.",
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

/** Bookings that hold a seat: active ones, ones whose payment is awaited, and requests waiting for approval. */
export const holdsSeat = (booking) => ["active", "pending_payment", "pending_approval"].includes(booking.status);

/** {upcoming, past, cancelled}: seats held and not yet over (soonest first), seats held and over, and the rest
 *  (cancelled, refunded, holds that expired). */
export function groupBookings(bookings, now = Date.now()) {
  const upcoming = [];
  const past = [];
  const cancelled = [];
  for (const booking of bookings) {
    if (!holdsSeat(booking)) cancelled.push(booking);
    else if (endsAt(booking) <= now) past.push(booking);
    else upcoming.push(booking);
  }
  upcoming.sort((a, b) => startsAt(a) - startsAt(b));
  past.sort((a, b) => startsAt(b) - startsAt(a));
  cancelled.sort((a, b) => startsAt(a) - startsAt(b));
  return { upcoming, past, cancelled };
}

/** A cancelled (or cancelled and refunded) booking can come back while its session is still on and has not started. */
export function canReactivate(booking, now = Date.now()) {
  // A booking under a payment plan is not had again (its deposit may be kept): the person books anew.
  const planned = Boolean(booking.payment_plan);
  return !planned && ["cancelled", "refunded"].includes(booking.status) && booking.session?.status === "scheduled" && startsAt(booking) > now;
}

/** Cancelling is for seats still ahead (held or awaiting payment): a session under way or over is left as it is. */
export const canCancel = (booking, now = Date.now()) => holdsSeat(booking) && startsAt(booking) > now;

/** Adding to a calendar is for active bookings whose session is not over yet (a past one has no use there). */
export const canAddToCalendar = (booking, now = Date.now()) => booking.status === "active" && endsAt(booking) > now;

/** Who ended a booking, as the API says it ("person" | "facilitator"), or null when that is not known. */
export const cancelledBy = (booking) => (holdsSeat(booking) ? null : (booking.cancelled_by ?? null));

/** Why a booking ended, in words: cancelled (by whom, as the booking says, and why) or a hold that expired; null for
 *  one that holds a seat. The session's status does not tell who: a person may have cancelled before the session was. */
export function cancellationNote(booking) {
  if (holdsSeat(booking)) return null;
  // A free session's booking expires only as a request nobody decided in time.
  if (booking.status === "expired" && !(booking.session?.price > 0)) {
    return "Your request was not decided in time, so the seat was released.";
  }
  if (booking.status === "expired") {
    return booking.payment?.status === "failed" ? "The payment was declined, so the seat was released." : "The payment didn't arrive before the hold ended, so the seat was released.";
  }
  let reason = booking.cancel_reason?.trim();
  const who = cancelledBy(booking);
  if (who === "facilitator") {
    // Without a reason of their own the API stores a generic sentence; repeating it would read twice.
    if (reason && /^the facilitator cancelled/i.test(reason)) reason = null;
    return reason ? `Cancelled by the facilitator: ${reason}` : "Cancelled by the facilitator.";
  }
  if (who === "person") return reason ? `You cancelled this booking: ${reason}` : "You cancelled this booking.";
  return reason ? `Cancelled: ${reason}` : "Cancelled.";
}

/** Ids of the sessions the user holds an active booking for. */
export function activeSessionIds(bookings = []) {
  return new Set(bookings.filter((booking) => booking.status === "active").map((booking) => booking.session_id));
}

/** The bookings awaiting their payment, by session id. */
export function pendingBySession(bookings = []) {
  return new Map(bookings.filter((booking) => booking.status === "pending_payment").map((booking) => [booking.session_id, booking]));
}

/** The requests waiting for the facilitator's approval, by session id. */
export function requestedBySession(bookings = []) {
  return new Map(bookings.filter((booking) => booking.status === "pending_approval").map((booking) => [booking.session_id, booking]));
}

/** The places in waiting lists by session id. */
export function placesBySession(waiting = []) {
  return new Map(waiting.map((place) => [place.session_id, place]));
}

/** Places in waiting lists, the soonest session first. */
export const sortedPlaces = (waiting = []) => [...waiting].sort((a, b) => startsAt(a) - startsAt(b));

/** What happens when a seat of a full session frees up, by its waiting list's mode ("auto", the default, or "offer"). */
export function waitlistNextText(mode) {
  if (mode === "offer") return "If a seat frees up, it is offered to the first in line for a while: an email brings a link to take it.";
  return "If a seat frees up, the first in line gets it automatically, and an email says so.";
}

/** "Lotus Studio · with Meera Rao": where a booked session happens and who teaches it (the session's instructor; a
 *  document from before sessions named one: the event's facilitator); "" when neither is known. */
export function placeAndTeacher(session, event) {
  const teacher = session?.instructor?.name ?? event?.facilitator?.name;
  return [event?.location, teacher && `with ${teacher}`].filter(Boolean).join(" · ");
}
