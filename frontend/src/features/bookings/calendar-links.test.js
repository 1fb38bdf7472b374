import { describe, expect, it } from "vitest";
import { makeBooking, makeSession } from "../../test/fixtures.js";
import { bookingCalendarEntry, bookingCalendarFilename, bookingCalendarPath, GOOGLE_CALENDAR_URL, googleCalendarUrl, utcStamp } from "./calendar-links.js";

const ENTRY = {
  title: "Morning Vinyasa Flow",
  start: "2026-11-25T07:00:00+05:30",
  end: "2026-11-25T08:30:00+05:30",
  details: "With Dr. Priya Sharma.",
  location: "Lotus Studio, Bengaluru",
  timeZone: "Asia/Kolkata",
};

/** The query string after "?", split into [name, raw value] pairs, in order. */
const rawParams = (url) => url.slice(url.indexOf("?") + 1).split("&").map((pair) => pair.split(/=(.*)/s).slice(0, 2));

describe("utcStamp", () => {
  it("writes any ISO time as UTC YYYYMMDDTHHMMSSZ", () => {
    expect(utcStamp("2026-11-25T07:00:00+05:30")).toBe("20261125T013000Z");
    expect(utcStamp("2026-03-29T01:59:59Z")).toBe("20260329T015959Z");
    expect(utcStamp("2026-12-31T23:30:00.123-02:00")).toBe("20270101T013000Z");
  });

  it("is null for a missing or broken time", () => {
    expect(utcStamp(null)).toBeNull();
    expect(utcStamp("")).toBeNull();
    expect(utcStamp("not a time")).toBeNull();
  });
});

describe("googleCalendarUrl", () => {
  it("opens Google Calendar's event template with the times in UTC and the event's zone", () => {
    const url = googleCalendarUrl(ENTRY);
    expect(url.startsWith(`${GOOGLE_CALENDAR_URL}?`)).toBe(true);
    expect(rawParams(url)).toEqual([
      ["action", "TEMPLATE"],
      ["text", "Morning%20Vinyasa%20Flow"],
      ["dates", "20261125T013000Z/20261125T030000Z"],
      ["details", "With%20Dr.%20Priya%20Sharma."],
      ["location", "Lotus%20Studio%2C%20Bengaluru"],
      ["ctz", "Asia%2FKolkata"],
    ]);
    const params = new URL(url).searchParams;
    expect(params.get("ctz")).toBe("Asia/Kolkata");
    expect(params.get("dates")).toBe("20261125T013000Z/20261125T030000Z");
  });

  it("encodes every value, so nothing in a title or place can add or break a parameter", () => {
    const url = googleCalendarUrl({
      ...ENTRY,
      title: "Yoga & Tea? 100% #calm = joy/peace",
      details: "Line one\nLine two: https://example.com/bookings?x=1&y=2",
      location: "Café Ānanda, Pune + Goa",
      timeZone: "America/Argentina/Buenos_Aires",
    });
    expect(url).not.toMatch(/[ \n#]/);
    expect(url.match(/&/g)).toHaveLength(5); // the separators of six parameters, no more
    const params = new URL(url).searchParams;
    expect(params.get("text")).toBe("Yoga & Tea? 100% #calm = joy/peace");
    expect(params.get("details")).toBe("Line one\nLine two: https://example.com/bookings?x=1&y=2");
    expect(params.get("location")).toBe("Café Ānanda, Pune + Goa");
    expect(params.get("ctz")).toBe("America/Argentina/Buenos_Aires");
    expect(url).toContain("location=Caf%C3%A9%20%C4%80nanda%2C%20Pune%20%2B%20Goa");
  });

  it("leaves out what is empty, and gives an event without an end no length", () => {
    const url = googleCalendarUrl({ title: "Flow", start: "2026-11-25T01:30:00Z", end: null, details: "", location: "", timeZone: "" });
    expect(rawParams(url)).toEqual([
      ["action", "TEMPLATE"],
      ["text", "Flow"],
      ["dates", "20261125T013000Z/20261125T013000Z"],
    ]);
  });

  it("is null without a start time", () => {
    expect(googleCalendarUrl({ ...ENTRY, start: undefined })).toBeNull();
  });
});

describe("a booking in a calendar", () => {
  it("takes the event's title, place and zone, the session's times, and says who leads it and where the booking is", () => {
    const booking = makeBooking({ id: 4, session: makeSession({ id: 11, starts_at: "2026-11-25T01:30:00+00:00", ends_at: "2026-11-25T03:00:00+00:00" }) });
    expect(bookingCalendarEntry(booking, { bookingsUrl: "https://app.example/bookings" })).toEqual({
      title: "Morning Vinyasa Flow",
      start: "2026-11-25T01:30:00+00:00",
      end: "2026-11-25T03:00:00+00:00",
      details: "With Dr. Priya Sharma.\nYour booking: https://app.example/bookings",
      location: "Lotus Studio, Bengaluru",
      timeZone: "Asia/Kolkata",
    });
  });

  it("gets its ICS file from the booking's own path, saved under the booking's id", () => {
    expect(bookingCalendarPath(42)).toBe("/bookings/42/calendar.ics");
    expect(bookingCalendarFilename(42)).toBe("booking-42.ics");
  });
});
