import { describe, expect, it } from "vitest";
import { toldDone, toldLine } from "./wording.js";

describe("wording", () => {
  it("says how many were told, and that nobody had booked rather than '0 people were told'", () => {
    expect(toldDone(0)).toBe("Nobody had booked.");
    expect(toldDone(1)).toBe("1 person was told.");
    expect(toldDone(4)).toBe("4 people were told.");
  });

  it("says beforehand who will be told", () => {
    expect(toldLine(0, "Nobody has booked yet.")).toBe("Nobody has booked yet.");
    expect(toldLine(1, "")).toBe("1 person with an active booking will be told.");
    expect(toldLine(3, "")).toBe("3 people with active bookings will be told.");
  });
});
