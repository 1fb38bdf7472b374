import { describe, expect, it } from "vitest";
import { defaultRange, periodLabel, rangeOf, reportOf, reportQuery, spanDays } from "./range.js";

describe("the report's range", () => {
  it("defaults to the last 30 days on the studio's calendar, today included", () => {
    const late = Date.UTC(2031, 2, 30, 20, 0); // 30 March, 20:00 UTC: already 31 March in India
    expect(defaultRange("Asia/Kolkata", late)).toEqual({ from: "2031-03-02", to: "2031-03-31" });
    expect(defaultRange("UTC", late)).toEqual({ from: "2031-03-01", to: "2031-03-30" });
    expect(spanDays("2031-03-01", "2031-03-30")).toBe(30);
  });

  it("reads the address, with the defaults for what it leaves out", () => {
    const defaults = { from: "2031-03-01", to: "2031-03-30" };
    expect(rangeOf(new URLSearchParams("to=2031-04-01&by=week"), defaults)).toEqual({ from: "2031-03-01", to: "2031-04-01", by: "week", instructor: "" });
    expect(rangeOf(new URLSearchParams("by=year"), defaults).by).toBe("day");
    expect(reportOf(new URLSearchParams("report=revenue"), ["pay"])).toBe("pay");
    expect(reportOf(new URLSearchParams("report=clients"), ["revenue", "clients"])).toBe("clients");
  });

  it("asks pay for no periods, and for one instructor when chosen", () => {
    const range = { from: "a", to: "b", by: "week", instructor: "3" };
    expect(reportQuery("pay", range)).toEqual({ from: "a", to: "b", instructor: "3" });
    expect(reportQuery("pay", { ...range, instructor: "" })).toEqual({ from: "a", to: "b" });
    expect(reportQuery("clients", range)).toEqual({ from: "a", to: "b", by: "week" });
  });

  it("names periods by their first day", () => {
    expect(periodLabel("2031-03-03", "week")).toBe("Week of Mar 3, 2031");
    expect(periodLabel("2031-03-01", "month")).toBe("March 2031");
    expect(periodLabel("2031-03-01", "day")).toBe("Sat, Mar 1, 2031");
  });
});
