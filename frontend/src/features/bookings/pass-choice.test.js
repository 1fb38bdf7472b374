import { describe, expect, it } from "vitest";
import { cancelCreditText, creditBackUntil, passOptionLabel, passRefusalText, passTermsText, usablePasses } from "./pass-choice.js";

const SESSION = { id: 11, event_id: 1, price: 80_000, currency: "INR", starts_at: "2031-03-10T13:30:00+00:00" };
const EVENT = { id: 1, facilitator_id: 4, timezone: "Asia/Kolkata", late_cancel_hours: 12 };
const PACK = { id: 90, facilitator_id: 4, name: "Sound healing 3-class pack", kind: "pack", valid: true, credits_left: 2, event_ids: null };
const MONTHLY = { id: 91, facilitator_id: 4, name: "Monthly membership", kind: "membership", valid: true, credits_left: null, sessions_per_week: 2, event_ids: [1] };

describe("usablePasses", () => {
  it("offers the valid passes of the event's facilitator that cover it", () => {
    expect(usablePasses([PACK, MONTHLY], SESSION, EVENT)).toEqual([PACK, MONTHLY]);
    expect(usablePasses([{ ...PACK, valid: false }], SESSION, EVENT)).toEqual([]);
    expect(usablePasses([{ ...PACK, facilitator_id: 2 }], SESSION, EVENT)).toEqual([]);
    expect(usablePasses([{ ...MONTHLY, event_ids: [7] }], SESSION, EVENT)).toEqual([]);
  });

  it("offers a pack only with a credit for every seat", () => {
    expect(usablePasses([PACK, MONTHLY], SESSION, EVENT, 2)).toEqual([PACK, MONTHLY]);
    expect(usablePasses([PACK, MONTHLY], SESSION, EVENT, 3)).toEqual([MONTHLY]);
  });

  it("offers none for a free session, or without passes", () => {
    expect(usablePasses([PACK], { ...SESSION, price: 0 }, EVENT)).toEqual([]);
    expect(usablePasses(undefined, SESSION, EVENT)).toEqual([]);
  });

  it("reads a timetable session's facilitator beside its event", () => {
    const event = { id: 1, timezone: "Asia/Kolkata" };
    expect(usablePasses([PACK], { ...SESSION, facilitator: { id: 4 } }, event)).toEqual([PACK]);
  });
});

describe("passOptionLabel", () => {
  it("names the pass and what it has left", () => {
    expect(passOptionLabel(PACK)).toBe("Use my pass: Sound healing 3-class pack — 2 credits left");
    expect(passOptionLabel(MONTHLY)).toBe("Use my pass: Monthly membership — up to 2 classes a week");
  });
});

describe("passTermsText", () => {
  const before = Date.parse("2031-03-01T00:00:00Z");

  it("gives the credit-back cut-off on the event's clocks", () => {
    expect(creditBackUntil(SESSION.starts_at, 12)).toBe("2031-03-10T01:30:00.000Z");
    expect(passTermsText(SESSION, EVENT, before)).toMatch(/^Free cancellation with credit back until .*Mar 10, 2031, 07:00 AM IST;/);
    expect(passTermsText(SESSION, EVENT, before)).toMatch(/; later the credit is forfeited\.$/);
    expect(passTermsText(SESSION, EVENT, before, 2)).toMatch(/with credits back until .*; later the credits are forfeited\.$/);
  });

  it("says when it is too late for the credit to come back", () => {
    expect(passTermsText(SESSION, EVENT, Date.parse("2031-03-10T05:00:00Z"))).toBe("It's less than 12 hours before the start: if you cancel, the credit will be forfeited.");
  });

  it("words it without a cut-off when the event doesn't say its hours", () => {
    expect(passTermsText(SESSION, { ...EVENT, late_cancel_hours: undefined }, before)).toBe("Cancel in good time and the credit comes back to your pass; too late and it is forfeited.");
  });
});

describe("cancelCreditText", () => {
  const booking = { id: 5, status: "active", pass_id: 90, seats: 1, credit_back_until: "2031-03-10T01:30:00+00:00" };

  it("says the credit comes back before the cut-off and is forfeited after", () => {
    expect(cancelCreditText(booking, Date.parse("2031-03-01T00:00:00Z"))).toBe("The credit goes back to your pass.");
    expect(cancelCreditText({ ...booking, seats: 2 }, Date.parse("2031-03-01T00:00:00Z"))).toBe("The 2 credits go back to your pass.");
    expect(cancelCreditText(booking, Date.parse("2031-03-10T05:00:00Z"))).toBe("It's past the cancellation cut-off: the credit is forfeited.");
  });

  it("says nothing of a booking paid otherwise", () => {
    expect(cancelCreditText({ ...booking, pass_id: null })).toBeNull();
  });
});

describe("passRefusalText", () => {
  it("counts the credits left when the server says", () => {
    expect(passRefusalText({ code: "no_credits_left", details: { credits_left: 1 } })).toBe("Your pass has 1 credit left, not enough for these seats.");
    expect(passRefusalText({ code: "weekly_limit_reached", details: {} })).toBe("Your membership's classes for this week are all booked.");
    expect(passRefusalText({ code: "pass_expired" })).toBe("Your pass has expired.");
  });
});
