/** What a studio's events and sessions look like right now: past, cancelled, booked. */

export const isCancelled = (item) => item.status === "cancelled";

/** "cancelled" | "past" | "in_progress" | "full" | "open", for one session at `now`. */
export function sessionState(session, now = Date.now()) {
  if (isCancelled(session)) return "cancelled";
  if (new Date(session.ends_at).getTime() <= now) return "past";
  if (new Date(session.starts_at).getTime() <= now) return "in_progress";
  return session.seats_left <= 0 ? "full" : "open";
}

/** The states' names' keys. */
export const SESSION_STATE_LABELS = {
  cancelled: "programme:sessionState.cancelled",
  past: "programme:sessionState.past",
  in_progress: "programme:sessionState.inProgress",
  full: "programme:sessionState.full",
  open: "programme:sessionState.open",
};

export const SESSION_STATE_PILLS = { cancelled: "cancelled", past: "", in_progress: "warn", full: "warn", open: "active" };

/** Sessions still ahead or running (the ones its staff act on). */
export const isCurrentSession = (session, now = Date.now()) => ["open", "full", "in_progress"].includes(sessionState(session, now));

export const isUpcomingSession = (session, now = Date.now()) => ["open", "full"].includes(sessionState(session, now));

/** An event is current until it is cancelled or its last session has ended. */
export function isCurrentEvent(event, now = Date.now()) {
  if (isCancelled(event)) return false;
  const sessions = event.sessions ?? [];
  if (sessions.length === 0) return new Date(event.ends_at).getTime() > now;
  return sessions.some((session) => isCurrentSession(session, now));
}

/** Active bookings on an event: seats_taken counts exactly those (cancelled sessions hold none). */
export const activeBookings = (event) => (event.sessions ?? []).reduce((sum, session) => sum + (session.seats_taken ?? 0), 0);

/** Dashboard figures over all my events. */
export function summarize(events, now = Date.now()) {
  const sessions = events.flatMap((event) => event.sessions ?? []);
  return {
    events: events.length,
    currentEvents: events.filter((event) => isCurrentEvent(event, now)).length,
    upcomingSessions: sessions.filter((session) => isUpcomingSession(session, now)).length,
    activeBookings: events.reduce((sum, event) => sum + activeBookings(event), 0),
  };
}

export const byStart = (a, b) => new Date(a.starts_at) - new Date(b.starts_at);
