import { describe, expect, it } from "vitest";
import { mySessions } from "./teaching.js";

const now = new Date("2031-03-25T10:00:00Z").getTime();
const session = (id, starts_at, extra = {}) => ({ id, starts_at, ends_at: starts_at.replace("00:00Z", "59:00Z"), status: "scheduled", ...extra });

describe("mySessions", () => {
  it("puts upcoming sessions first, soonest first, then past ones, latest first", () => {
    const events = [
      { id: 1, status: "scheduled", sessions: [session(1, "2031-03-27T09:00:00Z"), session(2, "2031-03-20T09:00:00Z"), session(3, "2031-03-26T09:00:00Z")] },
      { id: 2, status: "scheduled", sessions: [session(4, "2031-03-24T09:00:00Z"), session(5, "2031-03-25T09:30:00Z", { ends_at: "2031-03-25T10:30:00Z" })] },
    ];
    const { upcoming, past } = mySessions(events, 9, now);
    expect(upcoming.map((one) => one.id)).toEqual([5, 3, 1]); // 5 is on now: it ends later
    expect(past.map((one) => one.id)).toEqual([4, 2]);
    expect(upcoming[0].event.id).toBe(2);
  });

  it("leaves out cancelled sessions and those naming another instructor", () => {
    const events = [
      { id: 1, status: "scheduled", sessions: [session(1, "2031-03-27T09:00:00Z", { instructor: { id: 8, name: "Ravi Iyer" } }), session(2, "2031-03-27T10:00:00Z", { instructor: { id: 9, name: "Meera Rao" } }), session(3, "2031-03-28T09:00:00Z", { status: "cancelled" })] },
      { id: 2, status: "cancelled", sessions: [session(4, "2031-03-27T09:00:00Z")] },
    ];
    expect(mySessions(events, 9, now).upcoming.map((one) => one.id)).toEqual([2]);
  });
});
