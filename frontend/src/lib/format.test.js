import { afterEach, describe, expect, it } from "vitest";
import { setLanguage } from "./i18n.js";
import { eventTimes, formatDate, formatDateTime, formatEventRange, formatRange, formatShortDateTime, fromZonedInput, sameDay, timeAgo, toZonedInput, zoneLabel } from "./format.js";

// 07:00–08:00 in Kolkata on Wednesday 25 November 2026: 02:30–03:30 in Berlin, 20:30–21:30 the day before in New York.
const START = "2026-11-25T01:30:00+00:00";
const END = "2026-11-25T02:30:00+00:00";
/** The locale's own way of writing a time, so the tests hold in any locale the machine has. */
const clock = (iso, timeZone) => new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(iso));

describe("event times", () => {
  it("shows IST to a viewer in Berlin, with the viewer's own time beside it", () => {
    const { text, viewerText } = eventTimes(START, END, "Asia/Kolkata", { viewerZone: "Europe/Berlin" });
    expect(text).toBe(`${formatDateTime(START, { timeZone: "Asia/Kolkata" })} – ${clock(END, "Asia/Kolkata")} IST`);
    expect(text).toMatch(/25.*2026.*07:00.*08:00.* IST$/);
    expect(viewerText).toBe(`${clock(START, "Europe/Berlin")} – ${clock(END, "Europe/Berlin")} your time, CET`);
    expect(viewerText).toMatch(/^02:30.*03:30.* your time, CET$/);
    expect(formatEventRange(START, END, "Asia/Kolkata", { viewerZone: "Europe/Berlin" })).toBe(`${text} (${viewerText})`);
  });

  it("says nothing of the viewer's time when the viewer is in the event's zone", () => {
    expect(eventTimes(START, END, "Asia/Kolkata", { viewerZone: "Asia/Kolkata" }).viewerText).toBeNull();
    // The browser's older spelling of the same zone reads the same.
    expect(eventTimes(START, END, "Asia/Kolkata", { viewerZone: "Asia/Calcutta" }).viewerText).toBeNull();
    expect(formatEventRange(START, END, "Asia/Kolkata", { viewerZone: "Asia/Kolkata" })).not.toContain("your time");
  });

  it("gives the viewer's date too when it is another day there", () => {
    const { viewerText } = eventTimes(START, END, "Asia/Kolkata", { viewerZone: "America/New_York" });
    expect(viewerText).toBe(`${formatDateTime(START, { timeZone: "America/New_York" })} – ${clock(END, "America/New_York")} your time, EST`);
    expect(viewerText).toMatch(/24/);
  });

  it("gives the viewer's dates for a range over several days", () => {
    const { viewerText } = eventTimes("2031-02-10T04:30:00+00:00", "2031-02-15T10:30:00+00:00", "Asia/Kolkata", { viewerZone: "Europe/Berlin" });
    expect(viewerText).toBe(`${formatRange("2031-02-10T04:30:00+00:00", "2031-02-15T10:30:00+00:00", { timeZone: "Europe/Berlin" })} your time, CET`);
    expect(viewerText).toMatch(/10.*05:30.* – .*15.*11:30.* your time, CET$/);
  });

  it("names the zone at each end when the clocks change in between", () => {
    // A retreat over the last weekend of October in Berlin: summer time at the start, winter time at the end.
    const { text } = eventTimes("2026-10-24T07:00:00+00:00", "2026-10-27T11:00:00+00:00", "Europe/Berlin", { viewerZone: "Europe/Berlin" });
    expect(text).toMatch(/24.*09:00.* CEST – .*27.*12:00.* CET$/);
  });

  it("labels a zone without a name by its offset", () => {
    expect(eventTimes(START, END, "Asia/Tokyo", { viewerZone: "Asia/Tokyo" }).text).toMatch(/10:30.*11:30.* GMT\+9$/);
  });

  it("reads an event without a known zone in the viewer's, labelled", () => {
    expect(eventTimes(START, END, undefined, { viewerZone: "Europe/Berlin" })).toEqual({ text: expect.stringMatching(/02:30.*03:30.* CET$/), viewerText: null });
    expect(eventTimes(START, END, "Mars/Olympus", { viewerZone: "Europe/Berlin" }).text).toMatch(/ CET$/);
    expect(eventTimes(null, null, "Asia/Kolkata")).toEqual({ text: "", viewerText: null });
  });

  it("shows a start without an end", () => {
    expect(formatEventRange(START, null, "Asia/Kolkata", { viewerZone: "Europe/Berlin" })).toMatch(/07:00.* IST \(02:30.* your time, CET\)$/);
  });
});

describe("times in the viewer's zone", () => {
  it("take the viewer's zone as a parameter, labelled on request", () => {
    expect(formatDateTime(START, { viewerZone: "Europe/Berlin" })).toMatch(/02:30/);
    expect(formatDateTime(START, { viewerZone: "Europe/Berlin", label: true })).toMatch(/02:30.* CET$/);
    expect(formatDateTime(START, { viewerZone: "Europe/Berlin" })).not.toMatch(/CET/);
    expect(formatRange(START, END, { viewerZone: "America/New_York", label: true })).toMatch(/24.*20:30|24.*08:30 PM/);
    expect(formatDateTime(null)).toBe("");
  });

  it("know the calendar day in a zone", () => {
    expect(sameDay("2026-12-05T17:00:00Z", "2026-12-05T19:00:00Z", { timeZone: "UTC" })).toBe(true);
    expect(sameDay("2026-12-05T17:00:00Z", "2026-12-05T19:00:00Z", { timeZone: "Asia/Kolkata" })).toBe(false);
  });
});

describe("datetime-local values in a zone", () => {
  it("read and write a Berlin 09:00 across the change to summer time", () => {
    expect(fromZonedInput("2026-03-23T09:00", "Europe/Berlin")).toBe("2026-03-23T08:00:00.000Z");
    expect(fromZonedInput("2026-03-30T09:00", "Europe/Berlin")).toBe("2026-03-30T07:00:00.000Z");
    expect(toZonedInput("2026-03-23T08:00:00+00:00", "Europe/Berlin")).toBe("2026-03-23T09:00");
    expect(toZonedInput("2026-03-30T07:00:00+00:00", "Europe/Berlin")).toBe("2026-03-30T09:00");
    expect(zoneLabel("Europe/Berlin", new Date("2026-03-23T08:00:00Z").getTime())).toBe("Europe/Berlin, CET");
    expect(zoneLabel("Europe/Berlin", new Date("2026-03-30T07:00:00Z").getTime())).toBe("Europe/Berlin, CEST");
  });

  it("give nothing for an empty or broken value", () => {
    expect(fromZonedInput("", "Europe/Berlin")).toBeNull();
    expect(fromZonedInput("2026-02-30T09:00", "Europe/Berlin")).toBeNull();
    expect(toZonedInput(null, "Europe/Berlin")).toBe("");
    expect(toZonedInput("not a time", "Europe/Berlin")).toBe("");
  });

  it("label UTC once", () => {
    expect(zoneLabel("UTC")).toBe("UTC");
    expect(zoneLabel("Asia/Kolkata")).toBe("Asia/Kolkata, IST");
  });
});

describe("formatShortDateTime", () => {
  it("gives weekday, day, month and time in the zone asked, with its short name and without the year", () => {
    const text = formatShortDateTime("2026-11-24T01:30:00+00:00", { timeZone: "Asia/Kolkata" });
    expect(text).toMatch(/^Tue.*(24.*Nov|Nov.*24).*07:00.* IST$/); // the order is the locale's
    expect(text).not.toContain("2026");
    expect(formatShortDateTime("2026-11-24T01:30:00+00:00", { timeZone: "Europe/Berlin" })).toMatch(/Tue.*24.*02:30.* CET$/);
    expect(formatShortDateTime(null, { timeZone: "Asia/Kolkata" })).toBe("");
  });
});

describe("timeAgo", () => {
  it("says how long ago, up to a week, then the date", () => {
    const now = Date.parse("2030-06-01T12:00:00Z");
    expect(timeAgo("2030-06-01T11:59:50Z", now)).toBe("just now");
    expect(timeAgo("2030-06-01T11:55:00Z", now)).toBe("5 minutes ago");
    expect(timeAgo("2030-05-01T12:00:00Z", now)).toBe(formatDateTime("2030-05-01T12:00:00Z"));
  });
});

describe("dates in the app's language", () => {
  afterEach(() => setLanguage("en", { remember: false }));

  it("names the month in Hindi, and says 'just now' in it", async () => {
    await setLanguage("hi");
    expect(formatDate(START, { timeZone: "Asia/Kolkata" })).toMatch(/नव/);
    expect(formatDate(START, { timeZone: "Asia/Kolkata" })).toContain("2026");
    expect(timeAgo(new Date().toISOString())).toBe("अभी-अभी");
    expect(eventTimes(START, END, "Asia/Kolkata", { viewerZone: "Europe/Berlin" }).viewerText).toMatch(/आपके समय से, CET$/);
  });
});
