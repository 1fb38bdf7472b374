/** Events and sessions shaped like the main API's answers, for this feature's tests. Events are in ZONE. */
/** The events' time zone. */
export const ZONE = "Asia/Kolkata";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** An ISO time `days` from now at a round hour (negative: in the past). */
export function inDays(days, hours = 0) {
  const date = new Date(Date.now() + days * DAY + hours * HOUR);
  date.setUTCMinutes(0, 0, 0);
  return date.toISOString();
}

export function session(overrides = {}) {
  const capacity = overrides.capacity ?? 10;
  const seatsTaken = overrides.seats_taken ?? 0;
  return {
    id: 11,
    event_id: 1,
    starts_at: inDays(3),
    ends_at: inDays(3, 1),
    capacity,
    seats_taken: seatsTaken,
    seats_left: capacity - seatsTaken,
    status: "scheduled",
    price: 0,
    currency: "INR",
    payments: { paid: 0, pending: 0, refunded: 0 },
    ...overrides,
  };
}

export function event(overrides = {}) {
  const sessions = overrides.sessions ?? [session({ event_id: overrides.id ?? 1 })];
  return {
    id: 1,
    title: "Morning Vinyasa Flow",
    description: "A steady flow.",
    kind: "session",
    location: "Lotus Studio, Bengaluru",
    timezone: ZONE,
    status: "scheduled",
    refund_until_hours: 24,
    starts_at: sessions[0]?.starts_at ?? inDays(3),
    ends_at: sessions.at(-1)?.ends_at ?? inDays(3, 1),
    facilitator_id: 2,
    facilitator: { id: 2, name: "Dr. Priya Sharma" },
    seats_left: 0,
    ...overrides,
    sessions,
  };
}

/** One place in a session's waiting list, as the registrants endpoint lists it. */
export function waitingPerson(overrides = {}) {
  const position = overrides.position ?? 1;
  return { position, name: `Waiting Person ${position}`, email: `waiting${position}@example.com`, user_id: 100 + position, joined_at: inDays(-1), ...overrides };
}

export const page = (items) => ({ items, page: 1, per_page: 100, total: items.length, pages: 1 });

/** The token the signed-in test account sends. */
export const storedToken = () => JSON.parse(window.localStorage.getItem("booking.session")).token;
