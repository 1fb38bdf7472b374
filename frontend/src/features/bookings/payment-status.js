/** What a booking says of its payment, in words: the price and refund terms before booking, the time left on a held
 *  seat, what was paid and refunded, and what cancelling would refund. Money is in minor units (lib/money.js). */
import { formatDate, formatDateTime } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";
import { formatAmount, taxNote, withTax } from "../../lib/money.js";

const HOUR = 3_600_000;

/** The booking's status as its pill reads: [catalogue key of its label, tone]. */
const STATUS_PILLS = {
  active: ["bookings:status.active", "active"],
  pending_payment: ["bookings:status.awaitingPayment", "warn"],
  pending_approval: ["bookings:status.awaitingApproval", "warn"],
  cancelled: ["bookings:status.cancelled", "cancelled"],
  expired: ["bookings:status.holdExpired", "cancelled"],
  refunded: ["bookings:status.refunded", "cancelled"],
};

/** A hold that ended because the payment was declined says so: the person did pay, and it was refused. */
const DECLINED_PILL = ["bookings:status.paymentDeclined", "cancelled"];

/** The status of a booking's latest payment: its nested payment's, else the flat payment_status. */
export const latestPaymentStatus = (booking) => booking?.payment?.status ?? booking?.payment_status ?? null;

/** [label, tone] of the booking's status pill, the label in the reader's language. */
export function statusPill(booking) {
  const [key, tone] = booking.status === "expired" && latestPaymentStatus(booking) === "failed" ? DECLINED_PILL : (STATUS_PILLS[booking.status] ?? [null, ""]);
  return [key ? t(key) : booking.status, tone];
}

/** {amount, currency} of a paid booking (what was or is to be paid), or null for a free one. */
export function bookingPrice(booking) {
  const payment = booking?.payment;
  const amount = payment?.amount ?? booking?.amount_paid ?? booking?.session?.price;
  const currency = payment?.currency ?? booking?.currency ?? booking?.session?.currency;
  return Number.isFinite(amount) && amount > 0 ? { amount, currency } : null;
}

/** "waiting" | "booked" | "declined" | "expired" | "cancelled": where a booking's payment stands (the return page's
 *  outcome). A declined payment reads as such whether or not the seat is still held. */
export function paymentOutcome(booking) {
  if (booking.payment?.status === "failed") return "declined";
  if (booking.status === "pending_payment") return "waiting";
  if (booking.status === "active") return "booked";
  if (booking.status === "expired") return "expired";
  return "cancelled";
}

export const isPaidFor = (booking) => booking?.payment?.status === "succeeded";

/** True when the money came or is coming back (a refund asked for or done). */
const refundStarted = (payment) => payment?.refund_status === "initiated" || payment?.refund_status === "processed";

/** A booking of a paid session that would have to be paid again to come back (refunded, or never paid); one made with
 *  a pass is paid from the pass again instead. */
export const needsPaymentToReactivate = (booking) =>
  booking?.pass_id == null && bookingPrice(booking) !== null && (!isPaidFor(booking) || refundStarted(booking.payment));

/** "12 min left to pay", "1 min left to pay", "less than a minute left to pay"; "no time left to pay" at 0. */
export function minutesLeftText(seconds) {
  if (seconds <= 0) return t("bookings:hold.noTime");
  if (seconds < 60) return t("bookings:hold.underMinute");
  return t("bookings:hold.minutes", { minutes: Math.floor(seconds / 60) });
}

/** A hold's countdown as a clock: "12:05", "0:09", "1:02:03" (over an hour). */
export function clockText(seconds) {
  const total = Math.max(0, Math.floor(seconds));
  const [hours, minutes, secs] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const two = (value) => String(value).padStart(2, "0");
  return hours > 0 ? `${hours}:${two(minutes)}:${two(secs)}` : `${minutes}:${two(secs)}`;
}

/** What happens to a paid booking's money, one line each: "Paid ₹45,000" (with what the studio gave back of it:
 *  "Paid ₹590 · ₹295 refunded"), then the refund's state when one was made ("Refund of ₹45,000 on its way",
 *  "Refunded ₹45,000 on Tue, 24 Nov 2026", "Refund failed — …"). */
export function paymentLines(booking) {
  const payment = booking.payment;
  const price = bookingPrice(booking);
  if (!price || !isPaidFor(booking)) return [];
  const paid = formatAmount(price.amount, price.currency);
  const given = payment.staff_refunded > 0 ? formatAmount(payment.staff_refunded, price.currency) : null;
  const lines = [{ text: given ? t("bookings:money.paidPartRefunded", { paid, refunded: given }) : t("bookings:money.paid", { paid }), tone: "" }];
  const refund = formatAmount(payment.refund_amount ?? price.amount, price.currency);
  if (payment.refund_status === "initiated") lines.push({ text: t("bookings:money.refundOnItsWay", { amount: refund }), tone: "" });
  else if (payment.refund_status === "processed") {
    const text = payment.refunded_at ? t("bookings:money.refundedOn", { amount: refund, date: formatDate(payment.refunded_at) }) : t("bookings:money.refunded", { amount: refund });
    lines.push({ text, tone: "ok" });
  } else if (payment.refund_status === "failed") lines.push({ text: t("bookings:money.refundFailed"), tone: "danger" });
  else if (booking.status === "cancelled") lines.push({ text: t("bookings:money.notRefunded"), tone: "" });
  return lines;
}

/** The instant before which cancelling refunds in full (the session's start less the event's refund hours), or null. */
export function refundableUntil(startsAt, refundUntilHours) {
  const start = new Date(startsAt).getTime();
  if (!Number.isFinite(start) || !Number.isFinite(refundUntilHours)) return null;
  return new Date(start - refundUntilHours * HOUR).toISOString();
}

/**
 * The price line of the booking dialog: "₹45,000, paid on the next page; refunded in full if you cancel until
 * Mon, 23 Nov 2026, 07:00 IST." (the cutoff on the event's clocks), or that a cancellation now would not be refunded;
 * without the event's refund hours, only the price. With a discount code's quote, what is left to pay ("₹640 with
 * code SPRING20, …"), or that nothing is (no checkout then). null for a free session.
 */
export function bookingTermsText(session, event, now = Date.now(), seats = 1, quote = null) {
  if (!(session?.price > 0)) return null;
  if (quote?.amount_due === 0) return t("bookings:terms.nothingToPay");
  const planned = planTermsOf(session, event, seats, quote);
  if (planned) return planned;
  const each = formatAmount(session.price, session.currency);
  const net = session.price * seats;
  const added = event?.tax_added;
  let total = seats > 1 ? t("bookings:terms.seatsTimes", { seats, each, total: formatAmount(net, session.currency) }) : each;
  if (added) total = `${total} ${taxNote(added)} = ${formatAmount(withTax(net, added), session.currency)}`;
  const price = quote ? codePriceText(quote, added) : total;
  const hours = event?.refund_until_hours;
  const until = refundableUntil(session.starts_at, hours);
  if (!until) return t("bookings:terms.payNext", { price });
  if (new Date(until).getTime() <= now) return t("bookings:terms.payNextTooLate", { price, hours });
  if (hours === 0) return t("bookings:terms.payNextRefundBeforeStart", { price });
  return t("bookings:terms.payNextRefundUntil", { price, until: formatDateTime(until, { timeZone: event.timezone, label: true }) });
}

/** "₹640 with code SPRING20" (", GST included" when the code's quote carries the studio's tax). */
function codePriceText(quote, added) {
  const amount = formatAmount(quote.total_due ?? quote.amount_due, quote.currency);
  if (!quote.tax) return t("bookings:terms.withCode", { amount, code: quote.code });
  return t("bookings:terms.withCodeTaxIncluded", { amount, code: quote.code, tax: added?.name ?? t("bookings:terms.tax") });
}

/** Under the event's payment plan (a seat that does not pay in full now): the deposit now, the rest in instalments by
 *  the last one's date, and whether the deposit comes back; null otherwise. */
function planTermsOf(session, event, seats, quote) {
  const plan = event?.payment_plan;
  // A session with room options has one quote per option: the one of the option chosen (pricedIn names it).
  const seat = plan?.sessions?.find((item) => item.session_id === session.id && (item.option_id ?? null) === (session.option_id ?? null));
  if (!seat || seat.pays_in_full) return null;
  const last = seat.schedule.at(-1);
  const values = {
    deposit: seats === 1 && !quote ? "amount" : "other",
    amount: seat.deposit.formatted,
    count: seat.schedule.length,
    refundable: plan.deposit_refundable ? "yes" : "no",
  };
  if (!last) return t("bookings:terms.plan", values);
  return t("bookings:terms.planLast", { ...values, last: formatDateTime(last.due_at, { timeZone: event.timezone, label: true }) });
}

/** The hours of the refund cutoff a booking's event has: its own, else read from the booking's refundable_until. */
function cutoffHours(booking) {
  const own = booking.event?.refund_until_hours;
  if (Number.isFinite(own)) return own;
  const start = new Date(booking.session?.starts_at).getTime();
  const until = new Date(booking.refundable_until).getTime();
  return Number.isFinite(start) && Number.isFinite(until) ? Math.round((start - until) / HOUR) : null;
}

/**
 * What cancelling a booking does with its money, for the cancel dialog: "You'll be refunded ₹45,000 in full." before
 * its refundable_until, "It's less than 24 hours before the start: no refund." after; for a booking still awaiting
 * its payment, that nothing is charged. null for a free booking.
 */
export function cancelMoneyText(booking, now = Date.now()) {
  const price = bookingPrice(booking);
  if (!price) return null;
  if (booking.status === "pending_payment") return t("bookings:cancelMoney.nothingPaid");
  if (!isPaidFor(booking) || refundStarted(booking.payment)) return null;
  const until = new Date(booking.refundable_until).getTime();
  if (Number.isFinite(until) && until > now) {
    const given = (booking.guests ?? []).some((guest) => guest.status === "cancelled");
    if (!given) return t("bookings:cancelMoney.inFull", { amount: formatAmount(price.amount, price.currency) });
    const left = seatPrice(booking).amount * (booking.seats ?? 1);
    return t("bookings:cancelMoney.rest", { amount: formatAmount(left, price.currency) });
  }
  return noRefundText(booking);
}

function noRefundText(booking) {
  const hours = cutoffHours(booking);
  return hours === null ? t("bookings:cancelMoney.pastCutoff") : t("bookings:cancelMoney.tooLate", { hours });
}

/** What one seat of a paid booking cost: its payment shared over every seat it paid for (the booker's and each
 *  guest's); null for a free one. */
export function seatPrice(booking) {
  const price = bookingPrice(booking);
  if (!price) return null;
  return { amount: Math.floor(price.amount / (1 + (booking.guests?.length ?? 0))), currency: price.currency };
}

/** The money line of giving back one guest's seat: one seat's price refunded until the cutoff, else nothing. */
export function guestCancelMoneyText(booking, now = Date.now()) {
  if (!isPaidFor(booking) || refundStarted(booking.payment)) return null;
  const until = new Date(booking.refundable_until).getTime();
  if (!(Number.isFinite(until) && until > now)) return noRefundText(booking);
  const price = seatPrice(booking);
  return t("bookings:cancelMoney.oneSeat", { amount: formatAmount(price.amount, price.currency) });
}

/** The note beside Reactivate for a booking that has to be paid again: "Reactivating it means paying ₹45,000 again.";
 *  for one made with a pass, that the pass pays again. */
export function reactivatePaymentText(booking) {
  if (booking.pass_id != null) return t("bookings:reactivate.withPass");
  const price = bookingPrice(booking);
  if (!price || !needsPaymentToReactivate(booking)) return null;
  const amount = formatAmount(price.amount, price.currency);
  return isPaidFor(booking) ? t("bookings:reactivate.payAgain", { amount }) : t("bookings:reactivate.pay", { amount });
}
