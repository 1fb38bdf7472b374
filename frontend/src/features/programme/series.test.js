import { describe, expect, it } from "vitest";
import { MAX_SERIES_SESSIONS, seriesDates, weekdayOf, weeklyRule } from "./series.js";

describe("weeklyRule", () => {
  it("lists the days in the week's order and ends by count or on a day, that day included", () => {
    expect(weeklyRule({ days: ["WE", "MO"], ends: "count", count: "12" })).toBe("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=12");
    expect(weeklyRule({ days: ["SU"], ends: "until", until: "2027-03-31" })).toBe("FREQ=WEEKLY;BYDAY=SU;UNTIL=20270331T235959");
  });
});

describe("seriesDates", () => {
  it("gives the chosen weekdays from the first day on, as the server's rule expands them", () => {
    // 4 January 2027 is a Monday; a first day that is not one of the days is skipped, as dateutil does.
    expect(seriesDates({ starts_on: "2027-01-04", days: ["MO", "WE"], ends: "count", count: "4" }).dates).toEqual(["2027-01-04", "2027-01-06", "2027-01-11", "2027-01-13"]);
    expect(seriesDates({ starts_on: "2027-01-05", days: ["MO"], ends: "until", until: "2027-01-18" }).dates).toEqual(["2027-01-11", "2027-01-18"]);
  });

  it("crosses a clock change and a month end as plain calendar days", () => {
    const { dates } = seriesDates({ starts_on: "2027-03-22", days: ["MO"], ends: "count", count: "3" });
    expect(dates).toEqual(["2027-03-22", "2027-03-29", "2027-04-05"]);
  });

  it("stops at the most the server makes and says there would be more", () => {
    const many = seriesDates({ starts_on: "2027-01-04", days: ["MO", "TU", "WE", "TH", "FR", "SA", "SU"], ends: "count", count: "400" });
    expect(many.dates).toHaveLength(MAX_SERIES_SESSIONS);
    expect(many.more).toBe(true);
    const exact = seriesDates({ starts_on: "2027-01-04", days: ["MO", "TU", "WE", "TH", "FR", "SA", "SU"], ends: "count", count: String(MAX_SERIES_SESSIONS) });
    expect(exact.more).toBe(false);
  });

  it("gives nothing for a description not complete or not real", () => {
    expect(seriesDates({ starts_on: "", days: ["MO"], ends: "count", count: "3" }).dates).toEqual([]);
    expect(seriesDates({ starts_on: "2027-02-30", days: ["MO"], ends: "count", count: "3" }).dates).toEqual([]);
    expect(seriesDates({ starts_on: "2027-01-04", days: [], ends: "count", count: "3" }).dates).toEqual([]);
    expect(seriesDates({ starts_on: "2027-01-04", days: ["MO"], ends: "count", count: "0" }).dates).toEqual([]);
    expect(seriesDates({ starts_on: "2027-01-04", days: ["MO"], ends: "until", until: "" }).dates).toEqual([]);
  });
});

describe("weekdayOf", () => {
  it("names a date's weekday, or null", () => {
    expect(weekdayOf("2027-01-04")).toBe("MO");
    expect(weekdayOf("2027-01-10")).toBe("SU");
    expect(weekdayOf("nope")).toBeNull();
  });
});
