import { describe, expect, it } from "vitest";
import { isCurrentEvent, sessionState, summarize } from "./schedule.js";

const now = new Date("2030-06-01T12:00:00Z").getTime();
const at = (iso) => new Date(iso).toISOString();
const session = (starts, ends, extra = {}) => ({ starts_at: at(starts), ends_at: at(ends), capacity: 10, seats_taken: 0, seats_left: 10, status: "scheduled", ...extra });

describe("schedule", () => {
  it("tells open, full, running, past and cancelled sessions apart", () => {
    expect(sessionState(session("2030-06-02T10:00Z", "2030-06-02T11:00Z"), now)).toBe("open");
    expect(sessionState(session("2030-06-02T10:00Z", "2030-06-02T11:00Z", { seats_left: 0 }), now)).toBe("full");
    expect(sessionState(session("2030-06-01T11:00Z", "2030-06-01T13:00Z"), now)).toBe("in_progress");
    expect(sessionState(session("2030-05-01T10:00Z", "2030-05-01T11:00Z"), now)).toBe("past");
    expect(sessionState(session("2030-06-02T10:00Z", "2030-06-02T11:00Z", { status: "cancelled" }), now)).toBe("cancelled");
  });

  it("counts events, upcoming sessions and active bookings", () => {
    const events = [
      { status: "scheduled", sessions: [session("2030-06-02T10:00Z", "2030-06-02T11:00Z", { seats_taken: 3 }), session("2030-05-01T10:00Z", "2030-05-01T11:00Z", { seats_taken: 2 })] },
      { status: "cancelled", sessions: [session("2030-06-03T10:00Z", "2030-06-03T11:00Z", { status: "cancelled" })] },
    ];
    expect(summarize(events, now)).toEqual({ events: 2, currentEvents: 1, upcomingSessions: 1, activeBookings: 5 });
    expect(isCurrentEvent(events[0], now)).toBe(true);
    expect(isCurrentEvent(events[1], now)).toBe(false);
  });
});
