import { describe, expect, it } from "vitest";
import { changedDetails, checkEvent, detailsOf, eventBody, initialEvent, isFormField, rowAfter } from "./event-form.js";
import { checkCapacity, checkPrice, checkRefundHours, checkTimeZone, checkTimes, priceInMinorUnits } from "./form-rules.js";

describe("checks", () => {
  const now = new Date("2030-01-01T10:00").getTime();

  it("wants both times, the end after the start, and a future start", () => {
    expect(checkTimes("", "", { now })).toEqual({ starts_at: "Enter when the session starts.", ends_at: "Enter when the session ends." });
    expect(checkTimes("2030-01-02T10:00", "2030-01-02T09:00", { now })).toEqual({ ends_at: "The end must be after the start." });
    expect(checkTimes("2029-12-31T10:00", "2029-12-31T11:00", { now })).toEqual({ starts_at: "The start must be in the future." });
    expect(checkTimes("2029-12-31T10:00", "2029-12-31T11:00", { now, requireFuture: false })).toEqual({});
  });

  it("wants a whole capacity of at least 1 and no fewer than the people booked", () => {
    expect(checkCapacity("")).toBe("Enter how many people can attend.");
    expect(checkCapacity("0")).toBe("Capacity must be a whole number, at least 1.");
    expect(checkCapacity("2.5")).toBe("Capacity must be a whole number, at least 1.");
    expect(checkCapacity("10001")).toMatch(/at most/);
    expect(checkCapacity("3", 4)).toBe("4 people have already booked this session, so the capacity can't be lower than 4.");
    expect(checkCapacity("0", 1)).toBe("Capacity must be a whole number, at least 1.");
    expect(checkCapacity("5", 5)).toBeNull();
  });

  it("names session errors by their row, as the server does", () => {
    const values = { ...initialEvent(), title: "Yoga", sessions: [{ key: 1, starts_at: "2030-01-02T10:00", ends_at: "2030-01-02T09:00", capacity: "0" }] };
    expect(checkEvent(values, now)).toEqual({
      "sessions.0.ends_at": "The end must be after the start.",
      "sessions.0.capacity": "Capacity must be a whole number, at least 1.",
    });
    expect(isFormField("sessions.0.ends_at")).toBe(true);
    expect(isFormField("sessions.0.other")).toBe(false);
  });

  it("reads the times on the event's clocks", () => {
    const at = new Date("2030-01-02T04:00:00Z").getTime(); // 09:30 in Kolkata, 05:00 in Berlin
    expect(checkTimes("2030-01-02T09:00", "2030-01-02T10:00", { now: at, timeZone: "Asia/Kolkata" })).toEqual({ starts_at: "The start must be in the future." });
    expect(checkTimes("2030-01-02T09:00", "2030-01-02T10:00", { now: at, timeZone: "Europe/Berlin" })).toEqual({});
    // 01:30 twice on 3 November 2030 in New York: the second 01:15 (EST) is after the first 01:45 (EDT), but reads earlier.
    expect(checkTimes("2030-11-03T01:45", "2030-11-03T01:15", { now, timeZone: "America/New_York" })).toEqual({ ends_at: "The end must be after the start." });
  });

  it("wants a time zone the browser knows", () => {
    expect(checkTimeZone("Europe/Berlin")).toBeNull();
    expect(checkTimeZone("")).toBe("Choose the time zone the sessions' times are in.");
    expect(checkTimeZone("Mars/Olympus")).toBe("Choose a time zone from the list.");
    expect(checkEvent({ ...initialEvent("Mars/Olympus"), title: "Yoga", sessions: [] }, now)).toMatchObject({ timezone: "Choose a time zone from the list." });
    expect(isFormField("timezone")).toBe(true);
  });

  it("sends the zone and each session's UTC instants, a weekly 09:00 in Berlin across the change to summer time", () => {
    const first = { key: 1, starts_at: "2026-03-23T09:00", ends_at: "2026-03-23T10:00", capacity: "8", price: "", currency: "INR" };
    const values = { ...initialEvent("Europe/Berlin"), title: " Yoga ", sessions: [first, rowAfter(first)] };
    expect(eventBody(values)).toEqual({
      title: "Yoga",
      kind: "session",
      location: "",
      description: "",
      timezone: "Europe/Berlin",
      refund_until_hours: 24,
      sessions: [
        { starts_at: "2026-03-23T08:00:00.000Z", ends_at: "2026-03-23T09:00:00.000Z", capacity: 8, price: 0, currency: "INR" },
        { starts_at: "2026-03-30T07:00:00.000Z", ends_at: "2026-03-30T08:00:00.000Z", capacity: 8, price: 0, currency: "INR" },
      ],
    });
  });

  it("sends only the event fields that changed", () => {
    const saved = { title: "Yoga", kind: "session", location: "Studio", description: "", timezone: "Asia/Kolkata" };
    expect(changedDetails({ ...saved, title: " Yoga ", timezone: "Europe/Berlin" }, saved)).toEqual({ timezone: "Europe/Berlin" });
    expect(changedDetails({ ...saved, location: "" }, saved)).toEqual({ location: "" });
    expect(changedDetails(saved, saved)).toEqual({});
  });

  it("sends where an event is held for tax, blank as null (the studio's own address)", () => {
    const saved = { title: "Retreat", kind: "retreat", location: "Palolem", description: "", timezone: "Asia/Kolkata", location_state_code: null };
    expect(changedDetails({ ...detailsOf(saved), location_state_code: " 30 ", location_country: "in" }, saved)).toEqual({
      location_state_code: "30",
      location_country: "IN",
    });
    const held = { ...saved, location_state_code: "30", location_country: "IN" };
    expect(changedDetails({ ...detailsOf(held), location_state_code: "", location_country: "" }, held)).toEqual({
      location_state_code: null,
      location_country: null,
    });
  });

  it("suggests the next session a week later, same local time", () => {
    const next = rowAfter({ starts_at: "2030-03-05T18:30", ends_at: "2030-03-05T20:00", capacity: "8" });
    expect(next).toMatchObject({ starts_at: "2030-03-12T18:30", ends_at: "2030-03-12T20:00", capacity: "8" });
    expect(rowAfter({ starts_at: "", ends_at: "", capacity: "" })).toMatchObject({ starts_at: "", ends_at: "", capacity: "" });
  });
});

describe("prices and refunds", () => {
  const now = new Date("2030-01-01T10:00").getTime();
  const row = (overrides) => ({ key: 1, starts_at: "2030-01-02T10:00", ends_at: "2030-01-02T11:00", capacity: "8", price: "", currency: "INR", ...overrides });

  it("takes a price in major units, blank or 0 for free, at most the currency's decimals", () => {
    expect(checkPrice("", "INR")).toBeNull();
    expect(checkPrice("0", "INR")).toBeNull();
    expect(checkPrice("45000.50", "INR")).toBeNull();
    expect(checkPrice("-5", "INR")).toBe("The price can't be negative.");
    expect(checkPrice("12.345", "INR")).toBe("Use at most 2 decimals for INR.");
    expect(checkPrice("1500.5", "JPY")).toBe("JPY has no decimals: enter a whole amount.");
    expect(checkPrice("45,000", "INR")).toBe("Enter the price as a number, like 800 or 45000.50.");
    expect(checkPrice("abc", "JPY")).toBe("Enter the price as a whole number, like 1500.");
    expect(checkPrice("100000", "INR")).toBeNull();
    expect(checkPrice("100000.01", "INR")).toBe("The price can be at most ₹100,000.");
    expect(checkPrice("10000001", "JPY")).toBe("The price can be at most ¥10,000,000.");
    expect(priceInMinorUnits("45000.50", "INR")).toBe(4_500_050);
    expect(priceInMinorUnits("1500", "JPY")).toBe(1500);
    expect(priceInMinorUnits("", "USD")).toBe(0);
  });

  it("takes the refund cutoff in whole hours, 0 to a year", () => {
    expect(checkRefundHours("24")).toBeNull();
    expect(checkRefundHours("0")).toBeNull();
    expect(checkRefundHours("8760")).toBeNull();
    expect(checkRefundHours("")).toBe("Enter how many hours before the start refunds end (0: until the start).");
    expect(checkRefundHours("1.5")).toBe("Enter a whole number of hours, 0 or more.");
    expect(checkRefundHours("-1")).toBe("Enter a whole number of hours, 0 or more.");
    expect(checkRefundHours("8761")).toBe("The cutoff can be at most 8760 hours (a year) before the start.");
  });

  it("names a row's price error by its row, starts at 24 hours, and sends minor units", () => {
    const values = { ...initialEvent("Asia/Kolkata"), title: "Retreat", sessions: [row({ price: "800" }), row({ price: "12.345" })] };
    expect(initialEvent().refund_until_hours).toBe("24");
    expect(checkEvent(values, now)).toEqual({ "sessions.1.price": "Use at most 2 decimals for INR." });
    expect(checkEvent({ ...values, refund_until_hours: "x", sessions: [row()] }, now)).toEqual({ refund_until_hours: "Enter a whole number of hours, 0 or more." });
    const body = eventBody({ ...values, refund_until_hours: "48", sessions: [row({ price: "45000.50" }), row({ price: "1500", currency: "JPY" }), row()] });
    expect(body.refund_until_hours).toBe(48);
    expect(body.sessions.map(({ price, currency }) => [price, currency])).toEqual([
      [4_500_050, "INR"],
      [1500, "JPY"],
      [0, "INR"],
    ]);
    expect(isFormField("sessions.0.price")).toBe(true);
    expect(isFormField("sessions.3.currency")).toBe(true);
    expect(isFormField("refund_until_hours")).toBe(true);
  });

  it("suggests the next session at the same price", () => {
    expect(rowAfter(row({ price: "800", currency: "USD" }))).toMatchObject({ price: "800", currency: "USD" });
  });

  it("sends a changed refund cutoff as a number", () => {
    const saved = { title: "Yoga", kind: "session", location: "", description: "", timezone: "Asia/Kolkata", refund_until_hours: 24 };
    const values = { ...saved, refund_until_hours: " 48 " };
    expect(changedDetails(values, saved)).toEqual({ refund_until_hours: 48 });
    expect(changedDetails({ ...saved, refund_until_hours: "24" }, saved)).toEqual({});
  });
});
