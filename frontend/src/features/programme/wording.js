/** What the staff are told about the people who booked: who will be emailed of a cancellation or a move, how the
 *  emails about a session stand, and the money: what was paid, is pending and was refunded (the dialogs', notices'
 *  and tables' exact texts). */
import { formatAmount } from "../../lib/money.js";

const people = (count) => (count === 1 ? "1 person" : `${count} people`);

/** "<N> people booked will be emailed that it is cancelled, with your reason if you give one." or, with nobody
 *  booked, `nobody`. */
export function toldLine(count, nobody) {
  return count > 0 ? `${people(count)} booked will be emailed that it is cancelled, with your reason if you give one.` : nobody;
}

/** What cancelling does with the money: " Everyone who paid is refunded in full." when any of the sessions is paid
 *  for (their payments.paid), else "". */
export function refundLine(sessions) {
  return sessions.some((session) => (session.payments?.paid ?? 0) > 0) ? " Everyone who paid is refunded in full." : "";
}

/** After a cancellation: "<N> people are being emailed."; "Nobody had booked." when there was no one to tell. */
export function toldDone(count) {
  if (!count) return "Nobody had booked.";
  return count === 1 ? "1 person is being emailed." : `${count} people are being emailed.`;
}

/** After saving a session: "Session updated.", and when its times moved with people booked, that they are being
 *  emailed the change (the server emails each of them the old and new times with the updated calendar entry). */
export function sessionSavedText(movedTimes, booked) {
  if (!movedTimes || !booked) return "Session updated.";
  return booked === 1 ? "Session updated. The 1 person booked is being emailed the new time." : `Session updated. The ${booked} people booked are being emailed the new time.`;
}

/** After saving an event: "Event updated.", and when its title, place or zone changed with people booked in sessions
 *  still ahead, that they are being emailed the change (the server emails each booking in those sessions). */
export function eventSavedText(changedFields, sessions = [], now = Date.now()) {
  const told = ["title", "location", "timezone"].some((field) => changedFields.includes(field));
  const booked = sessions
    .filter((s) => s.status === "scheduled" && new Date(s.starts_at).getTime() > now)
    .reduce((sum, s) => sum + (s.seats_taken ?? 0), 0);
  if (!told || !booked) return "Event updated.";
  return `Event updated. ${booked === 1 ? "The 1 person" : `The ${booked} people`} booked in sessions ahead ${booked === 1 ? "is" : "are"} being emailed the change.`;
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
    text: `Emails: ${count(emails.sent)} sent · ${count(emails.pending)} pending`,
    failed: `${count(emails.failed)} failed`,
    hasFailed: count(emails.failed) > 0,
  };
}

/** A 409 payments_pending, beside the price field: a price can't change while someone is paying. */
export const PAYMENTS_PENDING_TEXT = "Someone is paying for this session right now: the price can't change until their payment goes through or their hold ends.";

/** The message form's button: "Send to 12 people", "Send to 1 person". */
export const sendLabel = (count) => `Send to ${people(count)}`;

/** After a message went out: "Sent to 12 people." (the server's count of recipients). */
export const sentText = (count) => `Sent to ${people(count)}.`;

/** A 429 on messaging: when to try again from its Retry-After seconds ("in 5 minutes"), or "later" without one. */
export function messageLimitText(retryAfter) {
  const seconds = Number(retryAfter);
  let when = "later";
  if (Number.isFinite(seconds) && seconds > 0) {
    if (seconds < 60) when = `in ${seconds === 1 ? "1 second" : `${seconds} seconds`}`;
    else if (seconds < 5400) when = `in ${Math.ceil(seconds / 60) === 1 ? "1 minute" : `${Math.ceil(seconds / 60)} minutes`}`;
    else when = `in about ${Math.round(seconds / 3600)} hours`;
  }
  return `You've sent several messages recently; try again ${when}.`;
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
  return `${amount(paid)} paid · ${amount(pending)} pending · ${amount(refunded)} refunded`;
}

/** A registrant's booking status as its pill reads: [label, tone]. */
export const REGISTRANT_STATUS = {
  active: ["Active", "active"],
  pending_payment: ["Pending", "warn"],
  pending_approval: ["Awaiting approval", "warn"],
  cancelled: ["Cancelled", "cancelled"],
  expired: ["Hold expired", "cancelled"],
  refunded: ["Refunded", "cancelled"],
};

/** A registrant's pill: a hold that ended on a declined payment reads "Payment declined", not "Hold expired". */
export const registrantStatus = (registrant) =>
  registrant.status === "expired" && registrant.payment_status === "failed" ? ["Payment declined", "cancelled"] : (REGISTRANT_STATUS[registrant.status] ?? [registrant.status, ""]);

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
  if (refund === "processed") return { label: "Refunded", amount: refunded, tone: "" };
  if (refund === "initiated") return { label: "Refund pending", amount: refunded, tone: "warn" };
  if (refund === "failed") return { label: "Refund failed", amount: refunded, tone: "cancelled" };
  if (registrant.payment_status === "succeeded") return { label: "Paid", amount, tone: "active" };
  if (registrant.payment_status === "pending") {
    // A checkout still open only while the seat is held; a hold that ended (given up, expired, cancelled) was never paid.
    if (registrant.status && registrant.status !== "pending_payment") return { label: "Not paid", amount: null, tone: "cancelled" };
    return { label: "Awaiting payment", amount: null, tone: "warn" };
  }
  if (registrant.payment_status === "failed") return { label: "Declined", amount: null, tone: "cancelled" };
  return { label: "—", amount: null, tone: null };
}
