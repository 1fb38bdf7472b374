/** Notifications shaped like the CRM's GET /notifications items, for this feature's tests. */
export function bookingNotification(overrides = {}) {
  return {
    id: 3,
    notification_id: "abc3",
    type: "booking_created",
    source_format: "nested",
    booking_id: 1,
    session_id: 5,
    facilitator_id: 2,
    user: { id: 4, name: "Asha Rao", email: "asha@example.com" },
    event: { id: 2, title: "Himalayan Silence Retreat", start_date: "2030-12-21T09:00:00+00:00" },
    message: "Asha Rao booked a seat in Himalayan Silence Retreat on 2030-12-21 09:00 UTC",
    data: { booking_status: "active", cancel_reason: null, session: { id: 5, starts_at: "2030-12-21T09:00:00+00:00", ends_at: "2030-12-26T09:00:00+00:00", seats_left: 19 } },
    occurred_at: new Date(Date.now() - 5 * 60_000).toISOString(),
    received_at: new Date(Date.now() - 5 * 60_000).toISOString(),
    read: false,
    read_at: null,
    batch_id: null,
    batch: null,
    ...overrides,
  };
}

export function typedNotification(type, data, overrides = {}) {
  return {
    id: 9,
    notification_id: "abc9",
    type,
    source_format: "typed",
    booking_id: null,
    session_id: data.session?.id ?? null,
    facilitator_id: 2,
    user: { id: 2, name: null, email: null },
    event: { id: 2, title: null, start_date: null },
    message: `Dr. Priya Sharma did ${type}`,
    data,
    occurred_at: new Date(Date.now() - 3 * 3600_000).toISOString(),
    received_at: new Date(Date.now() - 3 * 3600_000).toISOString(),
    read: true,
    read_at: new Date().toISOString(),
    batch_id: null,
    batch: null,
    ...overrides,
  };
}

/** The facilitator (2, as in render.jsx's USERS) made it: the CRM stored it read. */
export const OWN = { actor: { id: 2, role: "facilitator" } };

/**
 * Dr. Priya Sharma cancelled a session with `count` bookings: [the inbox entry, its members], shaped as the CRM lists
 * them (the entry with `batch`, each member with `batch_id`, all read as her own action).
 */
export function cancelledSessionBatch({ id = 40, count = 3, notificationId = "sum40", session = { id: 5, starts_at: "2030-12-21T09:00:00+00:00", ends_at: "2030-12-21T11:00:00+00:00" } } = {}) {
  const entry = typedNotification(
    "session_cancelled",
    { event: { id: 2, title: "Himalayan Silence Retreat" }, session, changes: { reason: "Studio flooded", bookings_cancelled: count }, ...OWN },
    { id, notification_id: notificationId, batch: { id: notificationId, count, unread: 0 } },
  );
  const members = Array.from({ length: count }, (_, n) =>
    bookingNotification({
      id: id - 1 - n,
      notification_id: `${notificationId}-m${n}`,
      type: "booking_cancelled",
      booking_id: 100 + n,
      user: { id: 50 + n, name: `Guest ${n + 1}`, email: `guest${n + 1}@example.com` },
      data: { booking_status: "cancelled", cancel_reason: "Studio flooded", session, ...OWN, batch_id: notificationId },
      batch_id: notificationId,
      read: true,
      read_at: new Date().toISOString(),
    }),
  );
  return [entry, members];
}

export const notificationPage = (items, extra = {}) => ({
  items,
  page: 1,
  per_page: 20,
  total: items.length,
  pages: items.length ? 1 : 0,
  unread: items.filter((item) => !item.read).length,
  ...extra,
});
