import { describe, expect, it } from "vitest";
import { formatDateTime, formatRange } from "../../lib/format.js";
import { describeNotification, timeAgo } from "./describe.js";
import { bookingNotification, typedNotification } from "./test-fixtures.js";

const event = { id: 2, title: "Himalayan Silence Retreat", kind: "retreat", location: "Rishikesh", status: "scheduled" };
const session = { id: 5, starts_at: "2030-12-21T09:00:00+00:00", ends_at: "2030-12-21T11:00:00+00:00", capacity: 20, seats_taken: 3, status: "scheduled" };
const when = formatRange(session.starts_at, session.ends_at, { label: true });

describe("describeNotification", () => {
  it("says who booked, cancelled or came back, from the nested fields", () => {
    expect(describeNotification(bookingNotification()).sentence).toBe("Asha Rao booked Himalayan Silence Retreat");
    expect(describeNotification(bookingNotification({ type: "booking_cancelled" })).sentence).toBe("Asha Rao cancelled their booking for Himalayan Silence Retreat");
    const withReason = describeNotification(bookingNotification({ type: "booking_cancelled", data: { cancel_reason: "Teacher is ill" } }));
    expect(withReason).toEqual({ sentence: "Asha Rao's booking for Himalayan Silence Retreat was cancelled", detail: "Reason: Teacher is ill" });
    expect(describeNotification(bookingNotification({ type: "booking_reactivated" })).sentence).toBe("Asha Rao reactivated their booking for Himalayan Silence Retreat");
  });

  it("reads the event and session of typed notifications from data", () => {
    expect(describeNotification(typedNotification("session_updated", { event, session, changes: { capacity: { from: 20, to: 12 } } }))).toEqual({
      sentence: "A session of Himalayan Silence Retreat was changed",
      detail: `capacity 20 → 12 · Now: ${when}`,
    });
    expect(describeNotification(typedNotification("session_cancelled", { event, session, changes: { reason: "Flood", bookings_cancelled: 3 } }))).toEqual({
      sentence: "A session of Himalayan Silence Retreat was cancelled",
      detail: `${when} · 3 people were told. Reason: Flood`,
    });
    expect(describeNotification(typedNotification("session_created", { event, session })).sentence).toBe("A session was added to Himalayan Silence Retreat");
    expect(describeNotification(typedNotification("event_created", { event, changes: {} })).sentence).toBe("Himalayan Silence Retreat was created");
    expect(describeNotification(typedNotification("event_updated", { event, changes: { title: { from: "Old", to: "Himalayan Silence Retreat" } } }))).toEqual({
      sentence: "Himalayan Silence Retreat was updated",
      detail: "title “Old” → “Himalayan Silence Retreat”",
    });
    expect(describeNotification(typedNotification("event_cancelled", { event, changes: { reason: null, bookings_cancelled: 1 } }))).toEqual({
      sentence: "Himalayan Silence Retreat was cancelled",
      detail: "1 person was told",
    });
  });

  it("says when nobody had booked a cancelled event", () => {
    expect(describeNotification(typedNotification("event_cancelled", { event, changes: { reason: null, bookings_cancelled: 0 } })).detail).toBe("Nobody had booked");
  });

  it("shows moved times in local time, with the zone's short name", () => {
    const changes = { starts_at: { from: "2030-12-21T09:00:00+00:00", to: "2030-12-22T09:00:00+00:00" } };
    expect(describeNotification(typedNotification("session_updated", { event, changes })).detail).toBe(
      `start ${formatDateTime(changes.starts_at.from, { label: true })} → ${formatDateTime(changes.starts_at.to, { label: true })}`,
    );
    expect(formatDateTime(changes.starts_at.from, { label: true, viewerZone: "Europe/Berlin" })).toMatch(/10:00.* CET$/);
  });

  it("falls back to the stored message for other types", () => {
    expect(describeNotification(typedNotification("integration_test", {}, { message: "Test notification from the main API" })).sentence).toBe(
      "Test notification from the main API",
    );
  });
});

describe("timeAgo", () => {
  const now = new Date("2030-06-01T12:00:00Z").getTime();
  it("is relative up to a week, then a date", () => {
    expect(timeAgo("2030-06-01T11:59:50Z", now)).toBe("just now");
    expect(timeAgo("2030-06-01T11:55:00Z", now)).toBe("5 minutes ago");
    expect(timeAgo("2030-06-01T09:00:00Z", now)).toBe("3 hours ago");
    expect(timeAgo("2030-05-31T12:00:00Z", now)).toBe("yesterday");
    expect(timeAgo("2030-05-01T12:00:00Z", now)).toBe(formatDateTime("2030-05-01T12:00:00Z"));
  });
});
