import { describe, expect, it } from "vitest";
import { addDays, dayLabels, mondayOf, today, weekDays } from "./week.js";

describe("the timetable's week", () => {
  it("starts on the Monday of any day, across a month and a year end", () => {
    expect(mondayOf("2027-01-06")).toBe("2027-01-04");
    expect(mondayOf("2027-01-04")).toBe("2027-01-04");
    expect(mondayOf("2027-01-03")).toBe("2026-12-28");
    expect(mondayOf("2027-02-30")).toBeNull();
    expect(mondayOf(null)).toBeNull();
  });

  it("lists seven days and moves by whole days across a clock change", () => {
    expect(weekDays("2027-03-22")).toEqual(["2027-03-22", "2027-03-23", "2027-03-24", "2027-03-25", "2027-03-26", "2027-03-27", "2027-03-28"]);
    expect(addDays("2027-03-22", 7)).toBe("2027-03-29");
    expect(addDays("2027-01-04", -7)).toBe("2026-12-28");
  });

  it("reads today on the viewer's clock", () => {
    expect(today(new Date(2027, 0, 6, 23, 30))).toBe("2027-01-06");
  });
});

describe("dayLabels", () => {
  it("writes a day in the app's language, the same day whatever the viewer's zone", async () => {
    const { setLanguage } = await import("../../lib/i18n.js");
    expect(dayLabels("2027-01-04").weekday).toBe("Monday");
    await setLanguage("hi", { remember: false });
    expect(dayLabels("2027-01-04")).toEqual({ weekday: "सोमवार", short: "4 जन॰", long: "सोमवार, 4 जनवरी 2027" });
  });
});
