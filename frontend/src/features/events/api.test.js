import { describe, expect, it } from "vitest";
import { endOfLocalDay, eventKeys, eventQueryParams, EVENTS_PER_PAGE, startOfLocalDay } from "./api.js";
import { readFilters } from "./use-event-filters.js";
import { eventDates, eventLength, seatsSummary, sessionAvailability, waitingLabel } from "./event-display.js";
import { makeEvent, makeSession } from "../../test/fixtures.js";

describe("events api helpers", () => {
  it("turns a local day into the start and end of that day", () => {
    expect(startOfLocalDay("2026-12-05")).toBe(new Date(2026, 11, 5, 0, 0, 0, 0).toISOString());
    expect(endOfLocalDay("2026-12-05")).toBe(new Date(2026, 11, 5, 23, 59, 59, 999).toISOString());
    expect(startOfLocalDay("2026-02-31")).toBeUndefined();
    expect(startOfLocalDay("soon")).toBeUndefined();
    expect(endOfLocalDay("")).toBeUndefined();
  });

  it("builds GET /events arguments from the URL's filters, leaving out empty or bad ones", () => {
    expect(eventQueryParams({ q: "  yoga ", kind: "retreat", from: "2026-12-01", to: "2026-12-31", page: 2 })).toEqual({
      q: "yoga",
      kind: "retreat",
      from: new Date(2026, 11, 1).toISOString(),
      to: new Date(2026, 11, 31, 23, 59, 59, 999).toISOString(),
      page: 2,
      per_page: EVENTS_PER_PAGE,
    });
    expect(eventQueryParams({ q: " ", kind: "party", from: "bad" })).toEqual({
      q: undefined,
      kind: undefined,
      from: undefined,
      to: undefined,
      page: 1,
      per_page: EVENTS_PER_PAGE,
    });
  });

  it("reads filters from the URL with safe defaults", () => {
    expect(readFilters(new URLSearchParams("q=yoga&kind=session&from=2026-12-01&page=3"))).toEqual({
      q: "yoga",
      kind: "session",
      from: "2026-12-01",
      to: "",
      page: 3,
    });
    expect(readFilters(new URLSearchParams("kind=party&page=-2")).kind).toBe("");
    expect(readFilters(new URLSearchParams("page=abc")).page).toBe(1);
  });

  it("keys every events query under one prefix so one invalidation refreshes them all", () => {
    expect(eventKeys.list({ page: 1 }).slice(0, 1)).toEqual(eventKeys.all);
    expect(eventKeys.detail(5)).toEqual(["events", "detail", "5"]);
  });
});

describe("event display", () => {
  it("says why a session can't be booked", () => {
    const event = makeEvent();
    expect(sessionAvailability(makeSession({ seats_taken: 9 }), event)).toMatchObject({ bookable: true, label: "3 seats left" });
    expect(sessionAvailability(makeSession({ seats_taken: 11 }), event).label).toBe("1 seat left");
    expect(sessionAvailability(makeSession({ seats_taken: 12 }), event)).toMatchObject({ bookable: false, waitlist: true, label: "Full" });
    expect(sessionAvailability(makeSession({ seats_taken: 12, status: "cancelled" }), event).waitlist).toBe(false);
    expect(sessionAvailability(makeSession({ seats_taken: 12, starts_at: new Date(Date.now() - 60_000).toISOString() }), event).waitlist).toBe(false);
    expect(sessionAvailability(makeSession({ status: "cancelled" }), event)).toMatchObject({ bookable: false, label: "Cancelled" });
    expect(sessionAvailability(makeSession(), { ...event, status: "cancelled" }).label).toBe("Cancelled");
    expect(sessionAvailability(makeSession({ starts_at: new Date(Date.now() - 60_000).toISOString() }), event).label).toBe("Already started");
  });

  it("says how many wait for a seat, nothing when nobody does or the count is missing", () => {
    expect(waitingLabel(makeSession({ waiting: 3 }))).toBe("3 waiting");
    expect(waitingLabel(makeSession({ waiting: 0 }))).toBeNull();
    expect(waitingLabel(makeSession())).toBeNull();
  });

  it("sums no seats over sessions: one session's seats, the fewest to the most of several (no \"from\": a price's word), or full with a waiting list", () => {
    const full = (id) => makeSession({ id, seats_taken: 12 });
    const summary = (sessions) => seatsSummary(makeEvent({ sessions }));
    expect(summary([makeSession({ id: 1, seats_taken: 0 })])).toEqual({ label: "12 seats left", tone: "ok" });
    expect(summary([makeSession({ id: 1, seats_taken: 11 }), full(2)])).toEqual({ label: "1 seat left", tone: "ok" });
    expect(summary([makeSession({ id: 1, seats_taken: 0 }), makeSession({ id: 2, seats_taken: 5 }), full(3)])).toEqual({ label: "7 to 12 seats left", tone: "ok" });
    expect(summary([makeSession({ id: 1, seats_taken: 11 }), makeSession({ id: 2, seats_taken: 11 })])).toEqual({ label: "1 seat left in each", tone: "ok" });
    expect(summary([full(1), full(2)])).toEqual({ label: "Full — join the waiting list", tone: "warn" });
    // Seats in a session under way or cancelled can't be booked: they don't count.
    const started = makeSession({ id: 4, seats_taken: 0, starts_at: new Date(Date.now() - 60_000).toISOString() });
    expect(summary([full(1), started, makeSession({ id: 5, seats_taken: 0, status: "cancelled" })])).toEqual({ label: "Full — join the waiting list", tone: "warn" });
    expect(summary([started])).toEqual({ label: "Booking closed", tone: "" });
  });

  it("tells how long an event runs: its sessions, or a one-session retreat's nights on its clocks", () => {
    expect(eventLength(makeEvent())).toBe("2 sessions");
    expect(eventLength(makeEvent({ sessions: [makeSession({ id: 1 })] }))).toBe("1 session");
    const retreat = (starts_at, ends_at, extra = []) => makeEvent({ kind: "retreat", sessions: [makeSession({ id: 1, starts_at, ends_at }), ...extra] });
    // 09:00 IST on the 22nd to 09:00 IST on the 27th.
    expect(eventLength(retreat("2026-12-22T03:30:00+00:00", "2026-12-27T03:30:00+00:00"))).toBe("5 nights");
    // 17:00 Friday to 14:00 Sunday in Kolkata: two nights, though less than 48 hours.
    expect(eventLength(retreat("2026-12-04T11:30:00+00:00", "2026-12-06T08:30:00+00:00"))).toBe("2 nights");
    // 19:30 to 00:30 in Kolkata (one afternoon in UTC) ends after midnight there: one night.
    expect(eventLength(retreat("2026-12-04T14:00:00+00:00", "2026-12-04T19:00:00+00:00"))).toBe("1 night");
    expect(eventLength(retreat("2026-12-04T04:30:00+00:00", "2026-12-04T10:30:00+00:00"))).toBe("One day");
    const twoDates = retreat("2026-12-04T04:30:00+00:00", "2026-12-06T10:30:00+00:00", [makeSession({ id: 2, starts_at: "2027-01-04T04:30:00+00:00" })]);
    expect(eventLength(twoDates)).toBe("2 sessions");
  });

  it("shows one day with times, several days as a date span", () => {
    const oneDay = eventDates({ starts_at: "2026-12-05T09:00:00+00:00", ends_at: "2026-12-05T10:00:00+00:00" }, { viewerZone: "UTC" });
    expect(oneDay.text).toContain("–");
    const span = eventDates({ starts_at: "2026-12-05T12:00:00+00:00", ends_at: "2026-12-20T12:00:00+00:00" }, { viewerZone: "UTC" });
    expect(span.text).toMatch(/5.*–.*20/);
  });

  it("reads an event's dates in its own zone, with the viewer's time beside one day's times", () => {
    // 20:00–21:00 UTC on 5 December is the 6th in Kolkata (01:30–02:30 IST).
    const event = { starts_at: "2026-12-05T20:00:00+00:00", ends_at: "2026-12-05T21:00:00+00:00", timezone: "Asia/Kolkata" };
    const oneDay = eventDates(event, { viewerZone: "Europe/Berlin" });
    expect(oneDay.text).toMatch(/6.*01:30.*02:30.* IST$/);
    expect(oneDay.viewerText).toMatch(/^Sat.*5.*21:00|^Sat.*5.*09:00 PM/);
    expect(oneDay.viewerText).toMatch(/your time, CET$/);
    expect(eventDates(event, { viewerZone: "Asia/Kolkata" }).viewerText).toBeNull();
    // Two days in Kolkata (before and after midnight there), though one day in UTC: a span of dates.
    const twoDays = eventDates({ ...event, starts_at: "2026-12-05T18:00:00+00:00", ends_at: "2026-12-05T19:00:00+00:00" }, { viewerZone: "UTC" });
    expect(twoDays).toEqual({ text: expect.stringMatching(/5.*–.*6/), viewerText: null });
  });
});
