/** Booking with a pass: which of the person's passes can pay for a session's seats, how each is offered, what
 *  cancelling a booking made with one does with its credits, and the words for a pass refused. */
import { formatDateTime } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";
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
export const passOptionLabel = (pass) => t("bookings:pass.use", { name: pass.name, balance: passBalanceShort(pass) });

/** The instant before which cancelling gives a pass's credits back: the start less the event's late-cancel hours. */
export function creditBackUntil(startsAt, lateCancelHours) {
  const start = new Date(startsAt).getTime();
  if (!Number.isFinite(start) || !Number.isFinite(lateCancelHours)) return null;
  return new Date(start - lateCancelHours * HOUR).toISOString();
}

/** The booking dialog's line for a booking with a pass: until when cancelling gives the credit back (on the event's
 *  clocks), or that it is too late for that already. */
export function passTermsText(session, event, now = Date.now(), seats = 1) {
  const until = creditBackUntil(session?.starts_at, event?.late_cancel_hours);
  if (!until) return t("bookings:pass.termsInTime", { seats });
  if (new Date(until).getTime() <= now) return t("bookings:pass.termsTooLate", { seats, hours: event.late_cancel_hours });
  const when = formatDateTime(until, { timeZone: event.timezone, label: true });
  return t("bookings:pass.termsUntil", { seats, when });
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
  if (creditComesBack(booking, now)) return t("bookings:pass.creditBack", { seats });
  return t("bookings:pass.creditForfeited", { seats });
}

/** A pass refused when booking with it (the dialog stays open to choose another way): catalogue keys by code. */
export const PASS_ERROR_TEXT = {
  no_credits_left: "bookings:passError.noCredits",
  pass_expired: "bookings:passError.expired",
  pass_not_active: "bookings:passError.notActive",
  weekly_limit_reached: "bookings:passError.weeklyLimit",
  pass_not_valid_here: "bookings:passError.notValidHere",
  pass_not_found: "bookings:passError.notFound",
};

export const isPassRefusal = (error) => Object.hasOwn(PASS_ERROR_TEXT, error?.code ?? "");

/** A pass refusal in words: with the credits it has left when the server says. */
export function passRefusalText(error) {
  const left = error?.details?.credits_left;
  if (error?.code === "no_credits_left" && Number.isFinite(left)) return t("bookings:passError.creditsLeft", { count: left });
  const key = PASS_ERROR_TEXT[error?.code];
  return key ? t(key) : error?.message;
}
