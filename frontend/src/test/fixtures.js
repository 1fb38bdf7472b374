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
    price: 0,
    currency: "INR",
    mode: "in_person",
    ...overrides,
  };
}

export function makeEvent(overrides = {}) {
  const teacher = { instructor: { id: 2, name: "Dr. Priya Sharma" } };
  const sessions = overrides.sessions ?? [makeSession({ id: 11, ...teacher }), makeSession({ id: 12, starts_at: daysFromNow(12, 7), seats_taken: 12, ...teacher })];
  return {
    id: 1,
    title: "Morning Vinyasa Flow",
    description: "A steady, breath-led flow to start the day.",
    kind: "session",
    location: "Lotus Studio, Bengaluru",
    timezone: EVENT_ZONE,
    status: "scheduled",
    refund_until_hours: 24,
    starts_at: sessions[0]?.starts_at ?? null,
    ends_at: sessions[sessions.length - 1]?.ends_at ?? null,
    facilitator_id: 2,
    facilitator: { id: 2, name: "Dr. Priya Sharma" },
    studio: { slug: "lotus-yoga", name: "Lotus Yoga" },
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
    cancelled_by: null,
    reactivated_at: null,
    payment: null,
    refundable_until: null,
    seats: 1,
    guests: [],
    join_url: null,
    session,
    event: { id: 1, title: "Morning Vinyasa Flow", kind: "session", location: "Lotus Studio, Bengaluru", timezone: EVENT_ZONE, refund_until_hours: 24, facilitator: { id: 2, name: "Dr. Priya Sharma" } },
    ...overrides,
  };
}

/** A paid booking's payment (amount in minor units), as the API nests it: pending with a checkout and a hold 12 minutes
 *  and a half long by default; `status: "succeeded"` for one paid. */
export function makePayment(overrides = {}) {
  const succeeded = overrides.status === "succeeded";
  return {
    status: "pending",
    amount: 4_500_000,
    currency: "INR",
    provider: "test",
    checkout_url: "http://main.test/payments/test/checkout/ref-50",
    expires_at: new Date(Date.now() + 750_000).toISOString(),
    paid_at: succeeded ? daysFromNow(-1) : null,
    refund_status: null,
    refund_id: null,
    refund_amount: null,
    refunded_at: null,
    ...overrides,
  };
}

/** A booking of a ₹45,000 session: awaiting its payment by default (status "active" with a succeeded payment for a
 *  paid one: pass both). */
export function makePaidBooking(overrides = {}) {
  const session = overrides.session ?? makeSession({ id: overrides.session_id ?? 11, price: 4_500_000 });
  const payment = overrides.payment ?? makePayment();
  const starts = new Date(session.starts_at).getTime();
  return makeBooking({
    status: "pending_payment",
    payment_status: payment.status,
    amount_paid: payment.status === "succeeded" ? payment.amount : null,
    currency: payment.currency,
    refundable_until: new Date(starts - 24 * 3_600_000).toISOString(),
    ...overrides,
    session,
    payment,
  });
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
