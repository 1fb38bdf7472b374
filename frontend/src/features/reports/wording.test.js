import { describe, expect, it } from "vitest";
import { changeText, formatCompactMoney, formatRate, previousSpan, rateText } from "./wording.js";

const SPAN = { from: "2031-03-01", to: "2031-03-30" };

describe("changeText", () => {
  it("says how a figure moved since the span just before, in percent", () => {
    expect(changeText(112, 100, SPAN)).toBe("+12% vs previous 30 days");
    expect(changeText(95, 100, SPAN)).toBe("-5% vs previous 30 days");
    expect(changeText(100, 100, SPAN)).toBe("No change vs previous 30 days");
    expect(changeText(1001, 1000, SPAN)).toBe("No change vs previous 30 days");
    expect(changeText(-50, -100, SPAN)).toBe("+50% vs previous 30 days");
  });

  it("tells a figure that was nothing before, and a figure missing on either side", () => {
    expect(changeText(5, 0, SPAN)).toBe("New: none in the previous 30 days");
    expect(changeText(0, 0, SPAN)).toBe("No change vs previous 30 days");
    expect(changeText(5, undefined, SPAN)).toBe("No figure for the previous 30 days");
  });

  it("moves a rate in points", () => {
    expect(changeText(0.75, 0.7, { ...SPAN, rate: true })).toBe("+5 pts vs previous 30 days");
    expect(changeText(0.6, 0.7, { ...SPAN, rate: true })).toBe("-10 pts vs previous 30 days");
    expect(changeText(0.5, null, { ...SPAN, rate: true })).toBe("No figure for the previous 30 days");
  });

  it("names the span before by its length", () => {
    expect(previousSpan("2031-03-01", "2031-03-01")).toBe("previous day");
    expect(previousSpan("2030-01-01", "2031-12-31")).toBe("previous 730 days");
    expect(previousSpan("", "2031-03-01")).toBe("previous period");
  });
});

describe("figures", () => {
  it("writes shares as percentages, small ones with a decimal", () => {
    expect(formatRate(0.4213)).toBe("42%");
    expect(formatRate(0.045)).toBe("4.5%");
    expect(formatRate(0)).toBe("0%");
    expect(formatRate(null)).toBe("—");
  });

  it("writes money short for a chart's axis", () => {
    expect(formatCompactMoney(1_250_000, "USD")).toBe("$12.5K");
    expect(formatCompactMoney(150_000, "JPY")).toBe("¥150K");
  });

  it("describes a rate", () => {
    expect(rateText(null, "INR")).toBe("No rate");
    expect(rateText({ kind: "flat", amount: 150000 }, "INR")).toBe("₹1,500 a class");
    expect(rateText({ kind: "per_head", amount: 20000, minimum: 50000, maximum: null }, "INR")).toBe("₹200 a head, at least ₹500");
    expect(rateText({ kind: "share", share_percent: 37.5, minimum: null, maximum: null }, "INR")).toBe("37.5% of net revenue");
  });
});
