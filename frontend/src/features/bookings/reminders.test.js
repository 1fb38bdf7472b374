import { describe, expect, it } from "vitest";
import { formatShortDateTime } from "../../lib/format.js";
import { daysFromNow, makeBooking, makeSession } from "../../test/fixtures.js";
import { listText, remindersText, remindersToShow } from "./reminders.js";

// A session at 07:00 IST on Wednesday 25 November 2026; its reminders 24 hours and 2 hours before.
const DAY_BEFORE = "2026-11-24T01:30:00+00:00";
const TWO_HOURS_BEFORE = "2026-11-24T23:30:00+00:00";

describe("listText", () => {
  it("joins with commas and a last 'and'", () => {
    expect(listText([])).toBe("");
    expect(listText(["a"])).toBe("a");
    expect(listText(["a", "b"])).toBe("a and b");
    expect(listText(["a", "b", "c"])).toBe("a, b and c");
  });
});

describe("remindersText", () => {
  it("gives each time on the event's clocks with the zone's short name", () => {
    const text = remindersText([DAY_BEFORE, TWO_HOURS_BEFORE], "Asia/Kolkata");
    expect(text).toBe(`Reminders: ${formatShortDateTime(DAY_BEFORE, { timeZone: "Asia/Kolkata" })} and ${formatShortDateTime(TWO_HOURS_BEFORE, { timeZone: "Asia/Kolkata" })}`);
    expect(text).toMatch(/^Reminders: Tue.*24.*07:00.* IST and Wed.*25.*05:00.* IST$/);
  });

  it("speaks of one reminder in the singular", () => {
    expect(remindersText([DAY_BEFORE], "Europe/Berlin")).toMatch(/^Reminder: Tue.*24.*02:30.* CET$/);
  });
});

describe("remindersToShow", () => {
  const ahead = (overrides) => makeBooking({ session: makeSession({ starts_at: daysFromNow(3) }), ...overrides });

  it("lists the times, soonest first", () => {
    expect(remindersToShow(ahead({ reminders_at: [TWO_HOURS_BEFORE, DAY_BEFORE] }))).toEqual([DAY_BEFORE, TWO_HOURS_BEFORE]);
  });

  it("says there are none for an active booking still ahead", () => {
    expect(remindersToShow(ahead({ reminders_at: [] }))).toEqual([]);
  });

  it("says nothing of cancelled, past or started bookings, nor when the API doesn't say", () => {
    expect(remindersToShow(ahead({ status: "cancelled", reminders_at: [] }))).toBeNull();
    expect(remindersToShow(makeBooking({ session: makeSession({ starts_at: daysFromNow(-2) }), reminders_at: [] }))).toBeNull();
    expect(remindersToShow(ahead({}))).toBeNull();
  });
});
