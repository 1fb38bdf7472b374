import { describe, expect, it } from "vitest";
import { planTermsText } from "./plan-terms.js";

const PLAN = { deposit: { percent: 20 }, deposit_refundable: false, balance_due_days: 30, instalments: 3 };

describe("planTermsText", () => {
  it("says the deposit with one seat's amount, the instalments and the refund rule", () => {
    const plan = { ...PLAN, sessions: [{ session_id: 1, pays_in_full: false, deposit: { amount: 900000, currency: "INR", formatted: "₹9,000" }, schedule: [] }] };
    expect(planTermsText(plan, "INR")).toBe(
      "20 % deposit (₹9,000 a seat) when booking, the balance in 3 monthly instalments, the last 30 days before the start. The deposit is not refundable. Booking later than that pays the full price.",
    );
  });

  it("reads an amount per seat, one payment and a refundable deposit", () => {
    const text = planTermsText({ ...PLAN, deposit: { amount: 500000 }, instalments: 1, deposit_refundable: true, sessions: [] }, "INR");
    expect(text).toMatch(/^₹5,000 deposit a seat when booking, the balance in one payment, due 30 days before the start\. The deposit is refunded/);
  });

  it("is nothing without a plan", () => {
    expect(planTermsText(null, "INR")).toBeNull();
  });
});
