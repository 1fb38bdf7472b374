import { describe, expect, it } from "vitest";
import { passBalance, passBalanceShort, passTerms } from "./passes.js";

const PACK = { kind: "pack", credits: 3, valid_days: 60, credits_left: 2 };
const MONTHLY = { kind: "membership", period: "month", sessions_per_week: 2 };

describe("passTerms", () => {
  it("names a pack's classes and days, and a membership's period and weekly limit", () => {
    expect(passTerms(PACK)).toBe("3 classes, valid 60 days");
    expect(passTerms({ ...PACK, credits: 1 })).toBe("1 class, valid 60 days");
    expect(passTerms(MONTHLY)).toBe("Monthly, up to 2 classes a week");
    expect(passTerms({ ...MONTHLY, sessions_per_week: 1 })).toBe("Monthly, up to 1 class a week");
    expect(passTerms({ ...MONTHLY, period: "year", sessions_per_week: null })).toBe("Yearly, unlimited");
  });
});

describe("passBalance", () => {
  it("counts a pack's credits left of those bought", () => {
    expect(passBalance(PACK)).toBe("2 of 3 credits left");
    expect(passBalance({ ...PACK, credits: 1, credits_left: 0 })).toBe("0 of 1 credit left");
  });

  it("calls a membership unlimited only without a weekly limit (never \"Unlimited, 2 a week\")", () => {
    expect(passBalance(MONTHLY)).toBe("Up to 2 classes a week");
    expect(passBalance({ ...MONTHLY, sessions_per_week: null })).toBe("Unlimited");
  });

  it("has a short form for the booking dialog", () => {
    expect(passBalanceShort(PACK)).toBe("2 credits left");
    expect(passBalanceShort({ ...PACK, credits_left: 1 })).toBe("1 credit left");
    expect(passBalanceShort(MONTHLY)).toBe("up to 2 classes a week");
  });
});
