import { describe, expect, it } from "vitest";
import {
  addDays,
  currentZoneName,
  gmtOffsetName,
  instantOf,
  isTimeZone,
  offsetAt,
  parseWallTime,
  timeZoneNames,
  usableZone,
  wallClock,
  zoneAbbreviation,
} from "./time-zones.js";

const at = (iso) => new Date(iso).getTime();
const wall = (text) => parseWallTime(text);
const iso = (instant) => new Date(instant).toISOString();

describe("wall-clock times and instants", () => {
  it("puts a weekly 09:00 class in Berlin at 08:00Z before the clocks go forward and 07:00Z after", () => {
    expect(iso(instantOf(wall("2026-03-23T09:00"), "Europe/Berlin"))).toBe("2026-03-23T08:00:00.000Z");
    expect(iso(instantOf(wall("2026-03-30T09:00"), "Europe/Berlin"))).toBe("2026-03-30T07:00:00.000Z");
  });

  it("reads both instants back as 09:00 in Berlin", () => {
    expect(wallClock(at("2026-03-23T08:00:00Z"), "Europe/Berlin")).toMatchObject({ year: 2026, month: 3, day: 23, hour: 9, minute: 0 });
    expect(wallClock(at("2026-03-30T07:00:00+00:00"), "Europe/Berlin")).toMatchObject({ year: 2026, month: 3, day: 30, hour: 9, minute: 0 });
  });

  it("does the same when the clocks go back, and in the other hemisphere", () => {
    expect(iso(instantOf(wall("2026-10-19T09:00"), "Europe/Berlin"))).toBe("2026-10-19T07:00:00.000Z");
    expect(iso(instantOf(wall("2026-10-26T09:00"), "Europe/Berlin"))).toBe("2026-10-26T08:00:00.000Z");
    // Sydney leaves summer time on 5 April 2026: 11 hours ahead of UTC before, 10 after.
    expect(iso(instantOf(wall("2026-04-01T18:00"), "Australia/Sydney"))).toBe("2026-04-01T07:00:00.000Z");
    expect(iso(instantOf(wall("2026-04-08T18:00"), "Australia/Sydney"))).toBe("2026-04-08T08:00:00.000Z");
  });

  it("moves a time the clocks skip forward by the gap, and takes the earlier of a time read twice", () => {
    // 02:30 on 29 March 2026 does not exist in Berlin: it is 03:30 CEST.
    expect(iso(instantOf(wall("2026-03-29T02:30"), "Europe/Berlin"))).toBe("2026-03-29T01:30:00.000Z");
    // 02:30 on 25 October 2026 happens twice in Berlin: first in CEST.
    expect(iso(instantOf(wall("2026-10-25T02:30"), "Europe/Berlin"))).toBe("2026-10-25T00:30:00.000Z");
    expect(iso(instantOf(wall("2026-11-01T01:30"), "America/New_York"))).toBe("2026-11-01T05:30:00.000Z");
  });

  it("handles zones a half or three quarters of an hour off, and UTC", () => {
    expect(iso(instantOf(wall("2026-11-25T07:00"), "Asia/Kolkata"))).toBe("2026-11-25T01:30:00.000Z");
    expect(iso(instantOf(wall("2026-11-25T07:00"), "Asia/Kathmandu"))).toBe("2026-11-25T01:15:00.000Z");
    expect(iso(instantOf(wall("2026-11-25T07:00"), "UTC"))).toBe("2026-11-25T07:00:00.000Z");
    expect(offsetAt(at("2026-11-25T01:30:00Z"), "Asia/Kolkata")).toBe(5.5 * 3_600_000);
    expect(offsetAt(at("2026-07-01T12:00:00Z"), "America/New_York")).toBe(-4 * 3_600_000);
  });

  it("parses datetime-local values, refusing days that don't exist", () => {
    expect(parseWallTime("2026-03-23T09:00")).toEqual({ year: 2026, month: 3, day: 23, hour: 9, minute: 0, second: 0 });
    expect(parseWallTime("2026-03-23T09:00:30")).toMatchObject({ second: 30 });
    expect(parseWallTime("2026-02-30T09:00")).toBeNull();
    expect(parseWallTime("2026-03-23T24:00")).toBeNull();
    expect(parseWallTime("")).toBeNull();
    expect(parseWallTime("tomorrow")).toBeNull();
  });

  it("moves a wall-clock time a number of calendar days, over month and year ends", () => {
    expect(addDays("2026-03-23T09:00", 7)).toBe("2026-03-30T09:00");
    expect(addDays("2026-12-30T18:30", 7)).toBe("2027-01-06T18:30");
    expect(addDays("", 7)).toBe("");
  });
});

describe("zone short names", () => {
  const winter = at("2026-01-15T12:00:00Z");
  const summer = at("2026-07-15T12:00:00Z");

  it("finds a name in the viewer's locale or in US, British, Indian or Australian English", () => {
    expect(zoneAbbreviation("Asia/Kolkata", winter)).toBe("IST");
    expect(zoneAbbreviation("Europe/Berlin", winter)).toBe("CET");
    expect(zoneAbbreviation("Europe/Berlin", summer)).toBe("CEST");
    expect(zoneAbbreviation("America/New_York", winter)).toBe("EST");
    expect(zoneAbbreviation("America/New_York", summer)).toBe("EDT");
    expect(zoneAbbreviation("UTC", winter)).toBe("UTC");
    expect(zoneAbbreviation("Europe/London", summer)).toBe("BST");
    expect(zoneAbbreviation("Australia/Sydney", winter)).toBe("AEDT");
  });

  it("falls back to the offset when no locale has a name for the zone", () => {
    expect(zoneAbbreviation("Asia/Tokyo", winter)).toBe("GMT+9");
    expect(zoneAbbreviation("Asia/Kathmandu", winter)).toBe("GMT+5:45");
    expect(zoneAbbreviation("America/Sao_Paulo", winter)).toBe("GMT-3");
    expect(gmtOffsetName(0)).toBe("GMT");
    expect(gmtOffsetName(-9.5 * 3_600_000)).toBe("GMT-9:30");
  });

  it("prefers the viewer's own locale's name", () => {
    expect(zoneAbbreviation("Europe/Berlin", winter, "de-DE")).toBe("MEZ");
    // A locale that only has an offset for the zone is passed over.
    expect(zoneAbbreviation("Asia/Kolkata", winter, "de-DE")).toBe("IST");
  });
});

describe("zone names", () => {
  it("lists every zone once under its current IANA name, with UTC", () => {
    const names = timeZoneNames();
    expect(names).toContain("Asia/Kolkata");
    expect(names).toContain("Europe/Kyiv");
    expect(names).toContain("UTC");
    expect(names).not.toContain("Asia/Calcutta");
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(names);
  });

  it("adds a saved zone the list lacks, when the browser knows it", () => {
    expect(timeZoneNames(["Etc/GMT-14"])).toContain("Etc/GMT-14");
    expect(timeZoneNames(["Mars/Olympus"])).not.toContain("Mars/Olympus");
  });

  it("knows zones by either spelling, and refuses others", () => {
    expect(currentZoneName("Asia/Calcutta")).toBe("Asia/Kolkata");
    expect(currentZoneName("Europe/Berlin")).toBe("Europe/Berlin");
    expect(isTimeZone("Asia/Kolkata")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(isTimeZone(undefined)).toBe(false);
    expect(usableZone("Mars/Olympus", "Europe/Berlin")).toBe("Europe/Berlin");
  });
});
