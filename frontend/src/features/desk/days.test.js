import { describe, expect, it } from "vitest";
import { dayKey, deskDayKeys, deskDays, instructorName } from "./days.js";

const at = (iso) => new Date(iso).getTime();
const session = (id, starts_at, extra = {}) => ({ id, starts_at, ends_at: starts_at, status: "scheduled", ...extra });

describe("desk days", () => {
  it("reads the day on the studio's clock", () => {
    // 20:00 UTC on the 25th is already the 26th in India.
    expect(dayKey(at("2031-03-25T20:00:00Z"), "Asia/Kolkata")).toBe("2031-03-26");
    expect(dayKey(at("2031-03-25T20:00:00Z"), "America/New_York")).toBe("2031-03-25");
  });

  it("finds tomorrow across a short day (clocks going forward)", () => {
    expect(deskDayKeys(at("2031-03-08T05:30:00Z"), "America/New_York")).toEqual({ today: "2031-03-08", tomorrow: "2031-03-09" });
  });

  it("keeps today's and tomorrow's scheduled sessions, by start, each with its event", () => {
    const event = {
      id: 1,
      title: "Yoga",
      status: "scheduled",
      sessions: [
        session(3, "2031-03-26T12:30:00Z"), // tomorrow, 18:00 IST
        session(2, "2031-03-25T03:30:00Z"), // today, 09:00 IST
        session(4, "2031-03-25T01:30:00Z", { status: "cancelled" }),
        session(5, "2031-03-27T03:30:00Z"), // the day after
        session(6, "2031-03-24T03:30:00Z"), // yesterday
      ],
    };
    const cancelled = { id: 9, status: "cancelled", sessions: [session(8, "2031-03-25T05:00:00Z")] };
    const days = deskDays([event, cancelled], "Asia/Kolkata", at("2031-03-25T00:00:00Z"));
    expect(days.today.map((one) => one.id)).toEqual([2]);
    expect(days.tomorrow.map((one) => one.id)).toEqual([3]);
    expect(days.today[0].event.title).toBe("Yoga");
  });

  it("names the instructor, never the event's maker instead", () => {
    expect(instructorName({ instructor: { name: "Ravi" }, event: { facilitator: { name: "Priya" } } })).toBe("Ravi");
    expect(instructorName({ event: { facilitator: { name: "Priya" } } })).toBe("");
  });
});
