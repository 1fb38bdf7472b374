/** Test data in the exact shapes of GET /events and GET /bookings (see main_app/schemas). Events are in EVENT_ZONE. */

/** The demo events' zone (their places are in India). */
export const EVENT_ZONE = "Asia/Kolkata";

/** An ISO time `days` from now at a given UTC hour (negative days: the past). */
export function daysFromNow(days, hour = 9) {
  const date = new Date(Date.now() + days * 86_400_000);
  date.setUTCHours(hour, 0, 0, 0);
  return date.toISOString().replace("Z", "+00:00");
}

export function makeSession(overrides = {}) {
  const id = overrides.id ?? 11;
  const startsAt = overrides.starts_at ?? daysFromNow(5, 7);
  const capacity = overrides.capacity ?? 12;
  const seatsTaken = overrides.seats_taken ?? 2;
  return {
    id,
    event_id: 1,
    starts_at: startsAt,
    ends_at: overrides.ends_at ?? new Date(new Date(startsAt).getTime() + 3_600_000).toISOString(),
    capacity,
    seats_taken: seatsTaken,
    seats_left: capacity - seatsTaken,
    status: "scheduled",
    ...overrides,
  };
}

export function makeEvent(overrides = {}) {
  const sessions = overrides.sessions ?? [makeSession({ id: 11 }), makeSession({ id: 12, starts_at: daysFromNow(12, 7), seats_taken: 12 })];
  return {
    id: 1,
    title: "Morning Vinyasa Flow",
    description: "A steady, breath-led flow to start the day.",
    kind: "session",
    location: "Lotus Studio, Bengaluru",
    timezone: EVENT_ZONE,
    status: "scheduled",
    starts_at: sessions[0]?.starts_at ?? null,
    ends_at: sessions[sessions.length - 1]?.ends_at ?? null,
    facilitator_id: 2,
    facilitator: { id: 2, name: "Dr. Priya Sharma" },
    seats_left: sessions.reduce((sum, session) => sum + (session.status === "scheduled" ? session.seats_left : 0), 0),
    sessions,
    ...overrides,
  };
}

export function eventPage(items, { page = 1, pages = 1, perPage = 12 } = {}) {
  return { items, page, per_page: perPage, total: items.length + (pages - 1) * perPage, pages };
}

export function makeBooking(overrides = {}) {
  const session = overrides.session ?? makeSession({ id: overrides.session_id ?? 11 });
  return {
    id: 1,
    status: "active",
    session_id: session.id,
    user_id: 7,
    created_at: daysFromNow(-1),
    cancelled_at: null,
    cancel_reason: null,
    reactivated_at: null,
    session,
    event: { id: 1, title: "Morning Vinyasa Flow", kind: "session", location: "Lotus Studio, Bengaluru", timezone: EVENT_ZONE, facilitator: { id: 2, name: "Dr. Priya Sharma" } },
    ...overrides,
  };
}

/** GET /bookings' answer: one page of bookings, and the places in waiting lists (not paged). */
export function bookingPage(items, waiting = []) {
  return { items, page: 1, per_page: 100, total: items.length, pages: 1, waiting };
}

/** A place in a full session's waiting list, as GET /bookings lists it under `waiting`. */
export function makeWaiting(overrides = {}) {
  const session = overrides.session ?? makeSession({ id: overrides.session_id ?? 12, seats_taken: 12, waiting: 3 });
  return {
    session_id: session.id,
    status: "waiting",
    position: 2,
    joined_at: daysFromNow(-1),
    session,
    event: makeBooking().event,
    ...overrides,
  };
}
