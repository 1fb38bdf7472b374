import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "../../lib/format.js";
import { daysFromNow, EVENT_ZONE, makeBooking, makeEvent, makePaidBooking, makePayment, makeSession } from "../../test/fixtures.js";
import { canCancel, canReactivate, cancellationNote, groupBookings, pendingBySession } from "./booking-status.js";
import {
  bookingPrice,
  bookingTermsText,
  cancelMoneyText,
  clockText,
  minutesLeftText,
  needsPaymentToReactivate,
  paymentLines,
  paymentOutcome,
  reactivatePaymentText,
  refundableUntil,
  statusPill,
} from "./payment-status.js";

const HOUR = 3_600_000;
const paid = (overrides = {}) => makePayment({ status: "succeeded", ...overrides });

describe("the words for a payment", () => {
  it("counts the time left to pay in minutes, and as a clock", () => {
    expect(minutesLeftText(12 * 60 + 30)).toBe("12 min left to pay");
    expect(minutesLeftText(60)).toBe("1 min left to pay");
    expect(minutesLeftText(59)).toBe("less than a minute left to pay");
    expect(minutesLeftText(0)).toBe("no time left to pay");
    expect(clockText(12 * 60 + 5)).toBe("12:05");
    expect(clockText(9)).toBe("0:09");
    expect(clockText(3723)).toBe("1:02:03");
    expect(clockText(-4)).toBe("0:00");
  });

  it("names every status", () => {
    expect(statusPill({ status: "pending_payment" })).toEqual(["Awaiting payment", "warn"]);
    expect(statusPill({ status: "expired" })).toEqual(["Hold expired", "cancelled"]);
    expect(statusPill({ status: "expired", payment: makePayment({ status: "pending" }) })).toEqual(["Hold expired", "cancelled"]);
    // A declined payment is not a hold that ran out.
    expect(statusPill({ status: "expired", payment: makePayment({ status: "failed" }) })).toEqual(["Payment declined", "cancelled"]);
    expect(statusPill({ status: "expired", payment_status: "failed" })).toEqual(["Payment declined", "cancelled"]);
    expect(statusPill({ status: "refunded" })).toEqual(["Refunded", "cancelled"]);
    expect(statusPill({ status: "active" })).toEqual(["Active", "active"]);
  });

  it("reads a booking's price from its payment, else its flat fields or its session; null when free", () => {
    expect(bookingPrice(makePaidBooking())).toEqual({ amount: 4_500_000, currency: "INR" });
    expect(bookingPrice(makeBooking({ amount_paid: 80_000, currency: "USD" }))).toEqual({ amount: 80_000, currency: "USD" });
    expect(bookingPrice(makeBooking({ session: makeSession({ price: 1500, currency: "JPY" }) }))).toEqual({ amount: 1500, currency: "JPY" });
    expect(bookingPrice(makeBooking())).toBeNull();
  });

  it("says what was paid and where the refund stands", () => {
    const lines = (payment, status = "active") => paymentLines(makePaidBooking({ status, payment })).map((line) => line.text);
    expect(lines(paid())).toEqual(["Paid ₹45,000"]);
    expect(lines(paid({ refund_status: "initiated" }), "cancelled")).toEqual(["Paid ₹45,000", "Refund of ₹45,000 on its way"]);
    const refundedAt = "2031-01-15T06:30:00+00:00";
    expect(lines(paid({ refund_status: "processed", refunded_at: refundedAt }), "refunded")).toEqual(["Paid ₹45,000", `Refunded ₹45,000 on ${formatDate(refundedAt)}`]);
    expect(lines(paid({ refund_status: "failed" }), "cancelled")).toEqual(["Paid ₹45,000", "Refund failed — we're looking into it"]);
    expect(lines(paid(), "cancelled")).toEqual(["Paid ₹45,000", "Not refunded: cancelled after the refund cutoff"]);
    expect(lines(paid({ staff_refunded: 2_250_000 }))).toEqual(["Paid ₹45,000 · ₹22,500 refunded"]);
    expect(lines(makePayment())).toEqual([]);
    expect(paymentLines(makeBooking())).toEqual([]);
  });

  it("reads the outcome of a checkout", () => {
    expect(paymentOutcome(makePaidBooking())).toBe("waiting");
    expect(paymentOutcome(makePaidBooking({ status: "active", payment: paid() }))).toBe("booked");
    expect(paymentOutcome(makePaidBooking({ status: "expired", payment: makePayment({ status: "failed" }) }))).toBe("declined");
    expect(paymentOutcome(makePaidBooking({ payment: makePayment({ status: "failed" }) }))).toBe("declined");
    expect(paymentOutcome(makePaidBooking({ status: "expired" }))).toBe("expired");
    expect(paymentOutcome(makePaidBooking({ status: "cancelled" }))).toBe("cancelled");
    expect(paymentOutcome(makeBooking())).toBe("booked");
  });
});

describe("refund terms", () => {
  const startsAt = "2031-01-15T03:30:00+00:00";
  const session = makeSession({ price: 4_500_000, starts_at: startsAt });
  const event = makeEvent({ refund_until_hours: 24 });
  const now = new Date("2031-01-10T00:00:00Z").getTime();

  it("puts the cutoff the event's hours before the start", () => {
    expect(refundableUntil(startsAt, 24)).toBe("2031-01-14T03:30:00.000Z");
    expect(refundableUntil(startsAt, undefined)).toBeNull();
  });

  it("gives the price and the cutoff on the event's clocks before booking", () => {
    expect(bookingTermsText(session, event, now)).toBe(
      `₹45,000, paid on the next page; refunded in full if you cancel until ${formatDateTime("2031-01-14T03:30:00Z", { timeZone: EVENT_ZONE, label: true })}.`,
    );
    expect(bookingTermsText(session, event, now)).toMatch(/14.*2031.*09:00.* IST\.$/);
    expect(bookingTermsText(session, { ...event, refund_until_hours: 0 }, now)).toBe("₹45,000, paid on the next page; refunded in full if you cancel before the start.");
    expect(bookingTermsText(session, { ...event, refund_until_hours: 1 }, new Date(startsAt).getTime() - HOUR / 2)).toBe(
      "₹45,000, paid on the next page; it's less than 1 hour before the start, so cancelling won't be refunded.",
    );
    expect(bookingTermsText(session, { ...event, refund_until_hours: undefined }, now)).toBe("₹45,000, paid on the next page.");
    expect(bookingTermsText(makeSession(), event, now)).toBeNull();
  });

  it("gives a payment plan's deposit now and the rest in instalments", () => {
    const due = "2030-12-15T03:30:00+00:00";
    const seat = { session_id: session.id, pays_in_full: false, deposit: { amount: 900_000, currency: "INR", formatted: "₹9,000" }, schedule: [{ number: 1, due_at: "2030-11-15T03:30:00+00:00" }, { number: 2, due_at: due }] };
    const planned = { ...event, payment_plan: { deposit: { percent: 20 }, deposit_refundable: false, balance_due_days: 30, instalments: 2, sessions: [seat] } };
    expect(bookingTermsText(session, planned, now)).toBe(
      `A deposit of ₹9,000 now, paid on the next page; the rest in 2 monthly instalments, the last on ${formatDateTime(due, { timeZone: EVENT_ZONE, label: true })}, each from a link we email you; the deposit is not refundable.`,
    );
    expect(bookingTermsText(session, planned, now, 2)).toMatch(/^A deposit now, /);
    const late = { ...planned, payment_plan: { ...planned.payment_plan, sessions: [{ ...seat, pays_in_full: true }] } };
    expect(bookingTermsText(session, late, now)).toMatch(/^₹45,000, paid on the next page/);
  });

  it("gives the deposit of the room option chosen", () => {
    const quote = (optionId, formatted) => ({ session_id: session.id, option_id: optionId, pays_in_full: false, deposit: { formatted }, schedule: [{ number: 1, due_at: "2030-12-15T03:30:00+00:00" }] });
    const planned = { ...event, payment_plan: { deposit: { percent: 20 }, deposit_refundable: false, balance_due_days: 30, instalments: 1, sessions: [quote(7, "₹12,000"), quote(8, "₹9,000")] } };
    expect(bookingTermsText({ ...session, option_id: 8 }, planned, now)).toMatch(/^A deposit of ₹9,000 now, /);
    expect(bookingTermsText({ ...session, option_id: 7 }, planned, now)).toMatch(/^A deposit of ₹12,000 now, /);
  });

  it("gives what is left to pay with a discount code, or that nothing is", () => {
    const quote = { code: "SPRING20", price: 4_500_000, amount_off: 900_000, amount_due: 3_600_000, currency: "INR" };
    expect(bookingTermsText(session, { ...event, refund_until_hours: 0 }, now, 1, quote)).toBe("₹36,000 with code SPRING20, paid on the next page; refunded in full if you cancel before the start.");
    expect(bookingTermsText(session, event, now, 1, { ...quote, code: "FREE", amount_off: 4_500_000, amount_due: 0 })).toBe("Nothing to pay, so no checkout: the seat is yours as soon as you confirm.");
  });

  it("adds the tax a studio adds to its prices, and says a code's total includes it", () => {
    const taxed = { ...event, refund_until_hours: 0, tax_added: { name: "GST", rate: 1800 } };
    expect(bookingTermsText(session, taxed, now, 2)).toBe("2 seats × ₹45,000 = ₹90,000 + 18% GST = ₹106,200, paid on the next page; refunded in full if you cancel before the start.");
    const quote = { code: "HALF", price: 4_500_000, amount_off: 2_250_000, amount_due: 2_250_000, tax: 405_000, total_due: 2_655_000, currency: "INR" };
    expect(bookingTermsText(session, taxed, now, 1, quote)).toMatch(/^₹26,550 with code HALF, GST included, paid on the next page;/);
  });

  it("says what cancelling refunds: all of it before the cutoff, nothing after, nothing to refund while unpaid", () => {
    const booking = makePaidBooking({ status: "active", payment: paid(), session, refundable_until: "2031-01-14T03:30:00+00:00" });
    expect(cancelMoneyText(booking, now)).toBe("You'll be refunded ₹45,000 in full.");
    const late = new Date("2031-01-14T12:00:00Z").getTime();
    expect(cancelMoneyText(booking, late)).toBe("It's less than 24 hours before the start: no refund.");
    // Without the event's hours, read from the booking's own cutoff.
    expect(cancelMoneyText({ ...booking, event: { ...booking.event, refund_until_hours: undefined }, refundable_until: "2031-01-13T03:30:00+00:00" }, late)).toBe(
      "It's less than 48 hours before the start: no refund.",
    );
    expect(cancelMoneyText(makePaidBooking(), now)).toBe("Nothing has been paid, so nothing will be charged.");
    expect(cancelMoneyText(makeBooking(), now)).toBeNull();
  });

  it("says a refunded or unpaid booking must be paid to come back, and a kept payment need not be", () => {
    const refunded = makePaidBooking({ status: "refunded", payment: paid({ refund_status: "processed" }) });
    expect(needsPaymentToReactivate(refunded)).toBe(true);
    expect(reactivatePaymentText(refunded)).toBe("You were refunded: reactivating it means paying ₹45,000 again.");
    const neverPaid = makePaidBooking({ status: "cancelled", payment: makePayment({ status: "pending" }) });
    expect(reactivatePaymentText(neverPaid)).toBe("Reactivating it means paying ₹45,000.");
    const kept = makePaidBooking({ status: "cancelled", payment: paid() });
    expect(needsPaymentToReactivate(kept)).toBe(false);
    expect(reactivatePaymentText(kept)).toBeNull();
    expect(reactivatePaymentText(makeBooking({ status: "cancelled" }))).toBeNull();
  });
});

describe("bookings with payments among the others", () => {
  const pending = makePaidBooking({ id: 6, session: makeSession({ id: 16, price: 4_500_000, starts_at: daysFromNow(2) }) });
  const expired = makePaidBooking({ id: 7, status: "expired" });
  const refunded = makePaidBooking({ id: 8, status: "refunded", payment: paid({ refund_status: "processed" }) });

  it("keeps a held seat with the upcoming ones, and expired or refunded ones with the cancelled", () => {
    const groups = groupBookings([pending, expired, refunded]);
    expect(groups.upcoming.map((b) => b.id)).toEqual([6]);
    expect(groups.cancelled.map((b) => b.id)).toEqual([7, 8]);
    expect(pendingBySession([pending, expired]).get(16)).toBe(pending);
  });

  it("lets a held seat be cancelled and a refunded booking come back, not an expired hold", () => {
    expect(canCancel(pending)).toBe(true);
    expect(canReactivate(refunded)).toBe(true);
    expect(canReactivate(expired)).toBe(false);
    expect(canCancel(expired)).toBe(false);
  });

  it("says why an expired hold ended", () => {
    expect(cancellationNote(expired)).toBe("The payment didn't arrive before the hold ended, so the seat was released.");
    expect(cancellationNote({ ...expired, payment: makePayment({ status: "failed" }) })).toBe("The payment was declined, so the seat was released.");
    expect(cancellationNote(pending)).toBeNull();
  });
});
