/** Booking with a pass: which of the person's passes can pay for a session's seats, how each is offered, what
 *  cancelling a booking made with one does with its credits, and the words for a pass refused. */
import { formatDateTime, plural } from "../../lib/format.js";
import { passBalanceShort } from "../../lib/passes.js";

const HOUR = 3_600_000;

/** The id of the facilitator who runs a session's event (a timetable's session names them beside its event). */
const facilitatorOf = (session, event) => event?.facilitator_id ?? event?.facilitator?.id ?? session?.facilitator?.id ?? null;

/**
 * The passes that can pay for `seats` seats of a paid session: good to book with now, the event's facilitator's,
 * covering the event (event_ids null: all their events), and for a pack, with a credit for every seat. A free
 * session spends nothing, so none are offered for it.
 */
export function usablePasses(passes, session, event, seats = 1) {
  if (!(session?.price > 0)) return [];
  const facilitatorId = facilitatorOf(session, event);
  const eventId = event?.id ?? session?.event_id;
  return (passes ?? []).filter(
    (pass) =>
      pass.valid &&
      facilitatorId !== null &&
      pass.facilitator_id === facilitatorId &&
      (pass.event_ids == null || pass.event_ids.includes(eventId)) &&
      (pass.kind !== "pack" || (pass.credits_left ?? 0) >= seats),
  );
}

/** "Use my pass: Sound healing 3-class pack — 2 credits left". */
export const passOptionLabel = (pass) => `Use my pass: ${pass.name} — ${passBalanceShort(pass)}`;

/** The instant before which cancelling gives a pass's credits back: the start less the event's late-cancel hours. */
export function creditBackUntil(startsAt, lateCancelHours) {
  const start = new Date(startsAt).getTime();
  if (!Number.isFinite(start) || !Number.isFinite(lateCancelHours)) return null;
  return new Date(start - lateCancelHours * HOUR).toISOString();
}

/** The booking dialog's line for a booking with a pass: until when cancelling gives the credit back (on the event's
 *  clocks), or that it is too late for that already. */
export function passTermsText(session, event, now = Date.now(), seats = 1) {
  const credit = seats > 1 ? "credits" : "credit";
  const until = creditBackUntil(session?.starts_at, event?.late_cancel_hours);
  if (!until) {
    return seats > 1
      ? "Cancel in good time and the credits come back to your pass; too late and they are forfeited."
      : "Cancel in good time and the credit comes back to your pass; too late and it is forfeited.";
  }
  if (new Date(until).getTime() <= now) return `It's less than ${plural(event.late_cancel_hours, "hour")} before the start: if you cancel, the ${credit} will be forfeited.`;
  const when = formatDateTime(until, { timeZone: event.timezone, label: true });
  return `Free cancellation with ${credit} back until ${when}; later the ${credit} ${seats > 1 ? "are" : "is"} forfeited.`;
}

/** Whether cancelling a booking made with a pass now gives its credits back (before its credit_back_until). */
export const creditComesBack = (booking, now = Date.now()) => {
  const until = new Date(booking?.credit_back_until).getTime();
  return Number.isFinite(until) && until > now;
};

/** The cancel dialog's line for a booking made with a pass; null for any other booking. */
export function cancelCreditText(booking, now = Date.now()) {
  if (booking?.pass_id == null || booking.status !== "active") return null;
  const seats = booking.seats ?? 1;
  if (creditComesBack(booking, now)) return `${seats > 1 ? `The ${seats} credits go` : "The credit goes"} back to your pass.`;
  return `It's past the cancellation cut-off: the ${seats > 1 ? "credits are" : "credit is"} forfeited.`;
}

/** A pass refused when booking with it (the dialog stays open to choose another way). */
export const PASS_ERROR_TEXT = {
  no_credits_left: "Your pass hasn't enough credits left for these seats.",
  pass_expired: "Your pass has expired.",
  pass_not_active: "Your pass isn't active: it may still be waiting for its payment.",
  weekly_limit_reached: "Your membership's classes for this week are all booked.",
  pass_not_valid_here: "Your pass doesn't cover this session.",
  pass_not_found: "That pass wasn't found.",
};

export const isPassRefusal = (error) => Object.hasOwn(PASS_ERROR_TEXT, error?.code ?? "");

/** A pass refusal in words: with the credits it has left when the server says. */
export function passRefusalText(error) {
  const left = error?.details?.credits_left;
  if (error?.code === "no_credits_left" && Number.isFinite(left)) return `Your pass has ${plural(left, "credit")} left, not enough for these seats.`;
  return PASS_ERROR_TEXT[error?.code] ?? error?.message;
}
