import { describe, expect, it } from "vitest";
import { appliesText, codeStatus, datesText, discountText, eventsText, usesText } from "./codes.js";

const CODE = { code: "SPRING20", percent_off: 20, amount_off: null, currency: null, max_uses: null, max_uses_per_person: null, uses: 4, valid_from: null, valid_until: null, applies_to: "both", event_ids: null, status: "active" };
const NOW = new Date("2031-03-10T00:00:00Z").getTime();

describe("a discount code in words", () => {
  it("says what it takes off and what for", () => {
    expect(discountText(CODE)).toBe("20% off");
    expect(discountText({ ...CODE, percent_off: null, amount_off: 50_050, currency: "INR" })).toBe("₹500.50 off");
    expect(appliesText({ ...CODE, applies_to: "passes" })).toBe("Passes");
    const titles = new Map([[1, "Morning Vinyasa Flow"]]);
    expect(eventsText({ ...CODE, event_ids: [1, 9] }, titles)).toBe("Only Morning Vinyasa Flow, event 9");
    expect(eventsText({ ...CODE, event_ids: [1], applies_to: "passes" }, titles)).toBeNull();
    expect(eventsText(CODE, titles)).toBeNull();
  });

  it("counts its uses against its limits", () => {
    expect(usesText(CODE)).toBe("4 used, no limit");
    expect(usesText({ ...CODE, max_uses: 10, max_uses_per_person: 2 })).toBe("4 of 10 used; at most 2 uses per person");
  });

  it("gives its dates, open at either end", () => {
    expect(datesText(CODE)).toBe("Any time");
    expect(datesText({ ...CODE, valid_from: "2031-03-01T04:30:00+00:00" })).toMatch(/^From .*2031/);
    expect(datesText({ ...CODE, valid_until: "2031-03-01T04:30:00+00:00" })).toMatch(/^Until .*2031/);
  });

  it("says where it stands now: retired first, then its dates, then its uses", () => {
    expect(codeStatus(CODE, NOW)).toEqual(["Active", "active"]);
    expect(codeStatus({ ...CODE, status: "retired", valid_until: "2031-01-01T00:00:00Z" }, NOW)).toEqual(["Retired", "cancelled"]);
    expect(codeStatus({ ...CODE, valid_until: "2031-03-10T00:00:00Z" }, NOW)).toEqual(["Expired", "cancelled"]);
    expect(codeStatus({ ...CODE, valid_from: "2031-03-11T00:00:00Z" }, NOW)).toEqual(["Not valid yet", "warn"]);
    expect(codeStatus({ ...CODE, max_uses: 4 }, NOW)).toEqual(["Used up", "warn"]);
  });
});
