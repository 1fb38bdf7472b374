import { describe, expect, it } from "vitest";
import {
  emailCounts,
  eventSavedText,
  messageLimitText,
  paymentCountsText,
  refundLine,
  registrantPayment,
  sendLabel,
  sentText,
  sessionSavedText,
  toldDone,
  toldLine,
} from "./wording.js";

describe("wording", () => {
  it("says how many are being emailed, and that nobody had booked rather than '0 people'", () => {
    expect(toldDone(0)).toBe("Nobody had booked.");
    expect(toldDone(1)).toBe("1 person is being emailed.");
    expect(toldDone(4)).toBe("4 people are being emailed.");
  });

  it("says beforehand who will be emailed of the cancellation", () => {
    expect(toldLine(0, "Nobody has booked yet.")).toBe("Nobody has booked yet.");
    expect(toldLine(1, "")).toBe("1 person booked will be emailed that it is cancelled, with your reason if you give one.");
    expect(toldLine(3, "")).toBe("3 people booked will be emailed that it is cancelled, with your reason if you give one.");
  });

  it("says after a save that the people booked are emailed a move, and only a move", () => {
    expect(sessionSavedText(false, 3)).toBe("Session updated.");
    expect(sessionSavedText(true, 0)).toBe("Session updated.");
    expect(sessionSavedText(true, 1)).toBe("Session updated. The 1 person booked is being emailed the new time.");
    expect(sessionSavedText(true, 3)).toBe("Session updated. The 3 people booked are being emailed the new time.");
  });

  it("counts a session's emails compactly, the failed ones apart", () => {
    expect(emailCounts({ sent: 12, pending: 1, failed: 0 })).toEqual({ text: "Emails: 12 sent · 1 pending", failed: "0 failed", hasFailed: false });
    expect(emailCounts({ sent: 2, pending: 0, failed: 3 })).toMatchObject({ failed: "3 failed", hasFailed: true });
    expect(emailCounts({ sent: 2 })).toMatchObject({ text: "Emails: 2 sent · 0 pending", failed: "0 failed" });
    expect(emailCounts(undefined)).toBeNull();
    expect(emailCounts(null)).toBeNull();
  });
});

describe("eventSavedText", () => {
  const now = Date.parse("2026-11-22T12:00:00Z");
  const ahead = { status: "scheduled", starts_at: "2026-11-25T01:30:00Z", seats_taken: 2 };
  const past = { status: "scheduled", starts_at: "2026-11-20T01:30:00Z", seats_taken: 5 };
  const cancelled = { status: "cancelled", starts_at: "2026-11-26T01:30:00Z", seats_taken: 0 };

  it("says who is emailed when the title, place or zone changed with people booked ahead", () => {
    expect(eventSavedText(["location"], [ahead, past, cancelled], now)).toBe(
      "Event updated. The 2 people booked in sessions ahead are being emailed the change.",
    );
    expect(eventSavedText(["timezone"], [{ ...ahead, seats_taken: 1 }], now)).toBe(
      "Event updated. The 1 person booked in sessions ahead is being emailed the change.",
    );
  });

  it("says only that it saved for a description or kind, or with nobody booked ahead", () => {
    expect(eventSavedText(["description", "kind"], [ahead], now)).toBe("Event updated.");
    expect(eventSavedText(["title"], [past], now)).toBe("Event updated.");
  });

  it("counts a message's recipients, one person in the singular", () => {
    expect(sendLabel(12)).toBe("Send to 12 people");
    expect(sendLabel(1)).toBe("Send to 1 person");
    expect(sentText(3)).toBe("Sent to 3 people.");
    expect(sentText(1)).toBe("Sent to 1 person.");
  });

  it("says when messaging may go again after a 429, in a unit a person reads", () => {
    const prefix = "You've sent several messages recently; try again";
    expect(messageLimitText(null)).toBe(`${prefix} later.`);
    expect(messageLimitText(1)).toBe(`${prefix} in 1 second.`);
    expect(messageLimitText(45)).toBe(`${prefix} in 45 seconds.`);
    expect(messageLimitText(60)).toBe(`${prefix} in 1 minute.`);
    expect(messageLimitText(61)).toBe(`${prefix} in 2 minutes.`);
    expect(messageLimitText(3600)).toBe(`${prefix} in 60 minutes.`);
    expect(messageLimitText(7200)).toBe(`${prefix} in about 2 hours.`);
  });
});

describe("money wording", () => {
  it("sums up a paid session's payments in its currency, and nothing for a free one", () => {
    const paid = { price: 4_500_000, currency: "INR", payments: { paid: 9_000_000, pending: 4_500_000, refunded: 0 } };
    expect(paymentCountsText(paid)).toBe("₹90,000 paid · ₹45,000 pending · ₹0 refunded");
    expect(paymentCountsText({ price: 1500, currency: "JPY", payments: { paid: 3000 } })).toBe("¥3,000 paid · ¥0 pending · ¥0 refunded");
    expect(paymentCountsText({ price: 0, currency: "INR", payments: { paid: 0, pending: 0, refunded: 0 } })).toBeNull();
    // Made free after people paid: what they paid still shows.
    expect(paymentCountsText({ price: 0, currency: "INR", payments: { paid: 0, pending: 0, refunded: 80_000 } })).toBe("₹0 paid · ₹0 pending · ₹800 refunded");
    expect(paymentCountsText({ price: 4_500_000, currency: "INR" })).toBeNull();
  });

  it("says cancelling refunds everyone who paid, only when someone did", () => {
    expect(refundLine([{ payments: { paid: 0 } }, { payments: { paid: 80_000 } }])).toBe(" Everyone who paid is refunded in full.");
    expect(refundLine([{ payments: { paid: 0, pending: 80_000 } }, {}])).toBe("");
  });

  it("says where each registrant's money stands", () => {
    const person = (overrides) => ({ status: "active", payment_status: null, amount_paid: null, currency: "INR", refund_status: null, ...overrides });
    expect(registrantPayment(person({ payment_status: "succeeded", amount_paid: 4_500_000 }))).toEqual({ label: "Paid", amount: "₹45,000", tone: "active" });
    expect(registrantPayment(person({ status: "pending_payment", payment_status: "pending" }))).toEqual({ label: "Awaiting payment", amount: null, tone: "warn" });
    expect(registrantPayment(person({ status: "cancelled", payment_status: "pending" }))).toEqual({ label: "Not paid", amount: null, tone: "cancelled" });
    expect(registrantPayment(person({ status: "expired", payment_status: "pending" }))).toEqual({ label: "Not paid", amount: null, tone: "cancelled" });
    expect(registrantPayment(person({ status: "refunded", payment_status: "succeeded", amount_paid: 4_500_000, refund_status: "processed" }))).toMatchObject({ label: "Refunded", amount: "₹45,000" });
    // What the server sends once refunded: nothing kept, the refund in amount_refunded.
    expect(registrantPayment(person({ status: "refunded", payment_status: "succeeded", amount_paid: 0, amount_refunded: 4_500_000, refund_status: "processed" }))).toMatchObject({ label: "Refunded", amount: "₹45,000" });
    expect(registrantPayment(person({ payment_status: "succeeded", amount_paid: 4_500_000, refund_status: "initiated" }))).toMatchObject({ label: "Refund pending" });
    expect(registrantPayment(person({ payment_status: "succeeded", amount_paid: 4_500_000, refund_status: "failed" }))).toMatchObject({ label: "Refund failed" });
    expect(registrantPayment(person({ status: "expired", payment_status: "failed" }))).toMatchObject({ label: "Declined" });
    expect(registrantPayment(person())).toEqual({ label: "—", amount: null, tone: null });
  });
});
