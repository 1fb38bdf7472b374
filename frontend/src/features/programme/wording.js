/** What the staff are told about the people who booked: who will be emailed of a cancellation or a move, how the
 *  emails about a session stand, and the money: what was paid, is pending and was refunded (the dialogs', notices'
 *  and tables' exact texts). */
import { t } from "../../lib/i18n.js";
import { formatAmount } from "../../lib/money.js";

/** "<N> people booked will be emailed that it is cancelled, with your reason if you give one." or, with nobody
 *  booked, `nobody`. */
export function toldLine(count, nobody) {
  return count > 0 ? t("programme:wording.toldLine", { count }) : nobody;
}

/** What cancelling does with the money: " Everyone who paid is refunded in full." when any of the sessions is paid
 *  for (their payments.paid), else "". */
export function refundLine(sessions) {
  return sessions.some((session) => (session.payments?.paid ?? 0) > 0) ? ` ${t("programme:wording.refundLine")}` : "";
}

/** After a cancellation: "<N> people are being emailed."; "Nobody had booked." when there was no one to tell. */
export function toldDone(count) {
  return count ? t("programme:wording.toldDone", { count }) : t("programme:wording.nobodyBooked");
}

/** After saving a session: "Session updated.", and when its times moved with people booked, that they are being
 *  emailed the change (the server emails each of them the old and new times with the updated calendar entry). */
export function sessionSavedText(movedTimes, booked) {
  return movedTimes && booked ? t("programme:wording.sessionMoved", { count: booked }) : t("programme:wording.sessionSaved");
}

/** After saving an event: "Event updated.", and when its title, place or zone changed with people booked in sessions
 *  still ahead, that they are being emailed the change (the server emails each booking in those sessions). */
export function eventSavedText(changedFields, sessions = [], now = Date.now()) {
  const told = ["title", "location", "timezone"].some((field) => changedFields.includes(field));
  const booked = sessions
    .filter((s) => s.status === "scheduled" && new Date(s.starts_at).getTime() > now)
    .reduce((sum, s) => sum + (s.seats_taken ?? 0), 0);
  return told && booked ? t("programme:wording.eventChanged", { count: booked }) : t("programme:wording.eventSaved");
}

/**
 * How the emails about a session's bookings stand (confirmations, changes, cancellations), from the API's
 * {sent, pending, failed}: {text: "Emails: 12 sent · 1 pending", failed: "0 failed"}; failed is apart so it can be
 * shown in the danger colour. null when the session carries no counts.
 */
export function emailCounts(emails) {
  if (!emails || typeof emails !== "object") return null;
  const count = (value) => (Number.isFinite(value) ? value : 0);
  return {
    text: t("programme:wording.emails", { sent: count(emails.sent), pending: count(emails.pending) }),
    failed: t("programme:wording.emailsFailed", { failed: count(emails.failed) }),
    hasFailed: count(emails.failed) > 0,
  };
}

/** A 409 payments_pending, beside the price field: a price can't change while someone is paying. */
export const paymentsPendingText = () => t("programme:wording.paymentsPending");

/** The message form's button: "Send to 12 people", "Send to 1 person". */
export const sendLabel = (count) => t("programme:wording.sendTo", { count });

/** After a message went out: "Sent to 12 people." (the server's count of recipients). */
export const sentText = (count) => t("programme:wording.sentTo", { count });

/** A 429 on messaging: when to try again from its Retry-After seconds ("in 5 minutes"), or "later" without one. */
export function messageLimitText(retryAfter) {
  const seconds = Number(retryAfter);
  if (!(Number.isFinite(seconds) && seconds > 0)) return t("programme:wording.limitLater");
  if (seconds < 60) return t("programme:wording.limitSeconds", { count: seconds });
  if (seconds < 5400) return t("programme:wording.limitMinutes", { count: Math.ceil(seconds / 60) });
  return t("programme:wording.limitHours", { count: Math.round(seconds / 3600) });
}

/** "₹90,000 paid · ₹45,000 pending · ₹0 refunded" from a session's payments {paid, pending, refunded} (minor units,
 *  in its currency); null for a free session nobody paid for, or an answer without the sums. */
export function paymentCountsText(session) {
  const payments = session?.payments;
  if (!payments || typeof payments !== "object") return null;
  const count = (value) => (Number.isFinite(value) ? value : 0);
  const [paid, pending, refunded] = [count(payments.paid), count(payments.pending), count(payments.refunded)];
  if (!(session.price > 0) && paid + pending + refunded === 0) return null;
  const amount = (value) => formatAmount(value, session.currency);
  return t("programme:wording.payments", { paid: amount(paid), pending: amount(pending), refunded: amount(refunded) });
}

/** A registrant's booking status as its pill reads: [label's key, tone]. */
const REGISTRANT_STATUS = {
  active: ["programme:registrantStatus.active", "active"],
  pending_payment: ["programme:registrantStatus.pending", "warn"],
  pending_approval: ["programme:registrantStatus.awaitingApproval", "warn"],
  cancelled: ["programme:registrantStatus.cancelled", "cancelled"],
  expired: ["programme:registrantStatus.holdExpired", "cancelled"],
  refunded: ["programme:registrantStatus.refunded", "cancelled"],
};

/** A registrant's pill, [label, tone]: a hold that ended on a declined payment reads "Payment declined", not "Hold expired". */
export function registrantStatus(registrant) {
  if (registrant.status === "expired" && registrant.payment_status === "failed") return [t("programme:registrantStatus.paymentDeclined"), "cancelled"];
  const known = REGISTRANT_STATUS[registrant.status];
  return known ? [t(known[0]), known[1]] : [registrant.status, ""];
}

/**
 * Where a registrant's money stands, from payment_status, amount_paid, amount_refunded, currency and refund_status:
 * {label, amount, tone}: "Paid" (with the amount), "Awaiting payment", "Not paid" (the hold ended), "Refunded",
 * "Refund pending", "Refund failed", "Declined"; "—" for a free booking.
 */
export function registrantPayment(registrant) {
  const amount = Number.isFinite(registrant.amount_paid) && registrant.amount_paid > 0 ? formatAmount(registrant.amount_paid, registrant.currency) : null;
  const refund = registrant.refund_status;
  // What amount_paid no longer holds once a refund is asked: the refund itself (a refunded booking kept nothing).
  const refunded = registrant.amount_refunded > 0 ? formatAmount(registrant.amount_refunded, registrant.currency) : amount;
  if (refund === "processed") return { label: t("programme:registrantPayment.refunded"), amount: refunded, tone: "" };
  if (refund === "initiated") return { label: t("programme:registrantPayment.refundPending"), amount: refunded, tone: "warn" };
  if (refund === "failed") return { label: t("programme:registrantPayment.refundFailed"), amount: refunded, tone: "cancelled" };
  if (registrant.payment_status === "succeeded") return { label: t("programme:registrantPayment.paid"), amount, tone: "active" };
  if (registrant.payment_status === "pending") {
    // A checkout still open only while the seat is held; a hold that ended (given up, expired, cancelled) was never paid.
    if (registrant.status && registrant.status !== "pending_payment") return { label: t("programme:registrantPayment.notPaid"), amount: null, tone: "cancelled" };
    return { label: t("programme:registrantPayment.awaitingPayment"), amount: null, tone: "warn" };
  }
  if (registrant.payment_status === "failed") return { label: t("programme:registrantPayment.declined"), amount: null, tone: "cancelled" };
  return { label: "—", amount: null, tone: null };
}
