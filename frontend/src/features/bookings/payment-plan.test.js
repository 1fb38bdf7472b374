import { describe, expect, it } from "vitest";
import { planRows, planSummary } from "./payment-plan.js";

const PLAN = {
  schedule: [
    { number: 0, deposit: true, amount: 900000, formatted: "₹9,000", due_at: "2031-01-10T03:30:00+00:00", status: "paid" },
    { number: 1, deposit: false, amount: 1200000, formatted: "₹12,000", due_at: "2031-02-10T03:30:00+00:00", status: "overdue" },
    { number: 2, deposit: false, amount: 1200000, formatted: "₹12,000", due_at: "2031-03-10T03:30:00+00:00", status: "due" },
  ],
  paid: 900000,
  paid_formatted: "₹9,000",
  outstanding: 2400000,
  outstanding_formatted: "₹24,000",
  next_due: 1,
};

describe("payment plan", () => {
  it("labels each part, marks only the next one payable and tones the overdue one", () => {
    const rows = planRows(PLAN, "Asia/Kolkata");
    expect(rows.map((row) => [row.label, row.amount, row.status, row.payable])).toEqual([
      ["Deposit", "₹9,000", "Paid", false],
      ["Instalment 1", "₹12,000", "Overdue", true],
      ["Instalment 2", "₹12,000", "Due", false],
    ]);
    expect(rows[1].tone).toBe("warn");
    expect(rows[1].due).toMatch(/10/);
  });

  it("sums up what is paid and what is left", () => {
    expect(planSummary(PLAN)).toBe("₹9,000 paid · ₹24,000 to pay");
    expect(planSummary({ ...PLAN, outstanding: 0, outstanding_formatted: "₹0" })).toBe("₹9,000 paid · all paid");
    expect(planSummary(null)).toBe("");
  });
});
