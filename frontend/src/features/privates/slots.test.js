import { describe, expect, it } from "vitest";
import { passPays, slotKey, slotsByDay } from "./slots.js";

const slot = (startsAt, teacher = 1) => ({ starts_at: startsAt, ends_at: startsAt, teacher: { id: teacher, name: `T${teacher}` } });

describe("free slots", () => {
  it("groups slots by the studio's day, not the viewer's", () => {
    // 23:30 UTC on the 2nd is the 3rd in Kolkata.
    const grouped = slotsByDay([slot("2026-12-02T03:30:00+00:00"), slot("2026-12-02T23:30:00+00:00"), slot("2026-12-03T03:30:00+00:00", 2)], "Asia/Kolkata");
    expect(grouped.map((day) => [day.day, day.slots.length])).toEqual([
      ["2026-12-02", 1],
      ["2026-12-03", 2],
    ]);
  });

  it("keys a slot by start and teacher", () => {
    expect(slotKey(slot("2026-12-02T03:30:00+00:00", 7))).toBe("2026-12-02T03:30:00+00:00|7");
  });

  it("offers a pass only for a service that takes credits, and a pack only with enough", () => {
    const service = { credits: 2 };
    expect(passPays({ kind: "pack", credits_left: 1 }, service)).toBe(false);
    expect(passPays({ kind: "pack", credits_left: 2 }, service)).toBe(true);
    expect(passPays({ kind: "membership", credits_left: null }, service)).toBe(true);
    expect(passPays({ kind: "pack", credits_left: 9 }, { credits: null })).toBe(false);
  });
});
