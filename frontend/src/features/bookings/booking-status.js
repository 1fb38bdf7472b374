/** Reading a booking or a place in a waiting list: which list it belongs in, what can be done with it, and the
 *  messages for failures (the maps hold catalogue keys: errorText says them in the reader's language). */
import { t } from "../../lib/i18n.js";

export const BOOK_ERROR_TEXT = {
  session_full: "bookings:error.sessionFull",
  already_booked: "bookings:error.alreadyBooked",
  session_cancelled: "bookings:error.sessionCancelled",
  session_started: "bookings:error.sessionStarted",
};

/** Asking for a fresh checkout of a booking whose payment is awaited. */
export const PAY_ERROR_TEXT = {
  not_pending: "bookings:error.notPending",
};

export const REACTIVATE_ERROR_TEXT = {
  approval_required: "bookings:error.approvalRequired",
  session_full: "bookings:error.sessionFullNow",
  session_cancelled: "bookings:error.sessionCancelled",
};

/** Joining a waiting list; each refusal is followed by fresh data (a free seat shows its Book button). */
export const WAITLIST_ERROR_TEXT = {
  seats_available: "bookings:error.seatsAvailable",
  already_booked: "bookings:error.alreadyBooked",
  already_waiting: "bookings:error.alreadyWaiting",
  session_cancelled: "bookings:error.sessionCancelled",
  session_started: "bookings:error.sessionStarted",
};

export const LEAVE_ERROR_TEXT = {
  not_waiting: "bookings:error.notWaiting",
};

/** The text for a failed booking action: ours for the known codes (texts: {code: catalogue key}), else the server's
 *  (or the client's) message. */
export function errorText(error, texts) {
  const key = texts[error?.code];
  if (key) return t(key);
  return error?.message ?? t("bookings:error.generic");
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
    return t("bookings:ended.notDecided");
  }
  if (booking.status === "expired") {
    return booking.payment?.status === "failed" ? t("bookings:ended.declined") : t("bookings:ended.notPaid");
  }
  let reason = booking.cancel_reason?.trim();
  const who = cancelledBy(booking);
  if (who === "facilitator") {
    // Without a reason of their own the API stores a generic sentence; repeating it would read twice.
    if (reason && /^the facilitator cancelled/i.test(reason)) reason = null;
    return reason ? t("bookings:ended.byFacilitatorWhy", { reason }) : t("bookings:ended.byFacilitator");
  }
  if (who === "person") return reason ? t("bookings:ended.byYouWhy", { reason }) : t("bookings:ended.byYou");
  return reason ? t("bookings:ended.cancelledWhy", { reason }) : t("bookings:ended.cancelled");
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

/** The places in waiting lists by session id: a list each (the person's own and each child's of their family). */
export function placesBySession(waiting = []) {
  const places = new Map();
  for (const place of waiting) places.set(place.session_id, [...(places.get(place.session_id) ?? []), place]);
  return places;
}

/** Which session and whom a place in line is for: the key of its card, and of the place being left. */
export const placeKey = (place) => `${place.session_id}-${place.for?.id ?? "me"}`;

/** Places in waiting lists, the soonest session first. */
export const sortedPlaces = (waiting = []) => [...waiting].sort((a, b) => startsAt(a) - startsAt(b));

/** What happens when a seat of a full session frees up, by its waiting list's mode ("auto", the default, or "offer"). */
export function waitlistNextText(mode) {
  if (mode === "offer") return t("bookings:waitlist.nextOffer");
  return t("bookings:waitlist.nextAuto");
}

/** "Lotus Studio · with Meera Rao": where a booked session happens and who teaches it (the session's instructor; a
 *  document from before sessions named one: the event's facilitator); "" when neither is known. */
export function placeAndTeacher(session, event) {
  const teacher = session?.instructor?.name ?? event?.facilitator?.name;
  return [event?.location, teacher && t("bookings:card.withTeacher", { name: teacher })].filter(Boolean).join(" · ");
}
