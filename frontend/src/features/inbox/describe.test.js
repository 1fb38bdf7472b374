import { describe, expect, it } from "vitest";
import { viewerInZone } from "../../test/viewer-zone.js";
import { formatDateTime, formatRange, formatShortDateTime } from "../../lib/format.js";
import { describeBatch, describeNotification, isOwnAction, timeAgo } from "./describe.js";
import { OWN, bookingNotification, cancelledSessionBatch, typedNotification } from "./test-fixtures.js";

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

  it("reads a type it does not know yet, whatever its fields, without failing", () => {
    expect(describeNotification(typedNotification("room.booked", {}, { message: null }))).toEqual({ sentence: "room booked", detail: "" });
    expect(describeNotification({ id: 1, type: "waitlist_promoted", data: null, message: "Asha got a freed seat" }).sentence).toBe("Asha got a freed seat");
    expect(describeNotification({ id: 1, type: null, data: null, message: 42 }).sentence).toBe("notification");
    expect(describeNotification({ ...typedNotification("anything_new", {}), data: { ...OWN } }).sentence).toBe("Dr. Priya Sharma did anything_new");
  });

  it("says when a booking came from the waiting list", () => {
    expect(describeNotification(bookingNotification({ data: { from_waitlist: true } })).detail).toBe("From the waiting list");
  });

  it("tells the facilitator's own changes in the second person", () => {
    const start = formatShortDateTime(session.starts_at);
    const [batch] = cancelledSessionBatch({ session });
    expect(describeNotification(batch)).toEqual({
      sentence: `You cancelled the ${start} session of Himalayan Silence Retreat: 3 bookings cancelled`,
      detail: "Reason: Studio flooded",
    });
    expect(describeNotification(typedNotification("session_cancelled", { event, session, changes: { reason: null, bookings_cancelled: 0 }, ...OWN }))).toEqual({
      sentence: `You cancelled the ${start} session of Himalayan Silence Retreat`,
      detail: "Nobody had booked",
    });
    expect(describeNotification(typedNotification("event_cancelled", { event, changes: { reason: "Flood", bookings_cancelled: 1 }, ...OWN }))).toEqual({
      sentence: "You cancelled Himalayan Silence Retreat: 1 booking cancelled",
      detail: "Reason: Flood",
    });
    expect(describeNotification(typedNotification("session_updated", { event, session, changes: { capacity: { from: 20, to: 12 } }, ...OWN }))).toEqual({
      sentence: `You changed the ${start} session of Himalayan Silence Retreat`,
      detail: "capacity 20 → 12",
    });
    expect(describeNotification(typedNotification("session_created", { event, session, ...OWN })).sentence).toBe("You added a session to Himalayan Silence Retreat");
    expect(describeNotification(typedNotification("event_created", { event, changes: {}, ...OWN })).sentence).toBe("You created Himalayan Silence Retreat");
    expect(describeNotification(typedNotification("event_updated", { event, changes: {}, ...OWN })).sentence).toBe("You updated Himalayan Silence Retreat");
    // Someone else's (an admin's) stays in the third person.
    const admins = typedNotification("event_cancelled", { event, changes: { bookings_cancelled: 2 }, actor: { id: 1, role: "admin" } });
    expect(isOwnAction(admins)).toBe(false);
    expect(describeNotification(admins).sentence).toBe("Himalayan Silence Retreat was cancelled");
  });

  it("tells a message to a session's people", () => {
    const data = { event, session, subject: "Bring a mat", recipients: 12 };
    expect(describeNotification(typedNotification("session_message", { ...data, ...OWN }))).toEqual({
      sentence: `You emailed the 12 people booked in the ${formatShortDateTime(session.starts_at)} session of Himalayan Silence Retreat`,
      detail: "Subject: “Bring a mat”",
    });
    expect(describeNotification(typedNotification("session_message", { ...data, recipients: 1 })).sentence).toBe(
      "A message went to the 1 person booked in a session of Himalayan Silence Retreat",
    );
  });

  it("names what a batch holds", () => {
    const [batch] = cancelledSessionBatch({ count: 1 });
    expect(describeBatch(batch)).toBe("1 cancelled booking");
    expect(describeBatch({ type: "session_message", batch: { id: "x", count: 2, unread: 0 } })).toBe("2 related notifications");
    expect(describeBatch({ type: "waitlist_promoted", batch: { id: "p", count: 1, unread: 1 } })).toBe("1 booking");
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

describe("describeNotification: a session's times on the event's clock", () => {
  viewerInZone("Europe/Berlin");

  it("leads with the event's zone when the notification names it, as every other page does", () => {
    const ZONE = { timeZone: "Asia/Kolkata", label: true };
    const kolkata = { ...session, timezone: "Asia/Kolkata" };
    const range = formatRange(session.starts_at, session.ends_at, ZONE);
    expect(range).toMatch(/IST$/);
    const described = describeNotification(typedNotification("session_cancelled", { event, session: kolkata, changes: {} }));
    expect(described.detail).toBe(range);
    const to = "2030-12-21T10:00:00+00:00";
    const moved = { starts_at: { from: session.starts_at, to } };
    const changed = describeNotification(typedNotification("session_updated", { event, session: kolkata, changes: moved }));
    expect(changed.detail).toContain(`start ${formatDateTime(session.starts_at, ZONE)} → ${formatDateTime(to, ZONE)}`);
    expect(describeNotification(bookingNotification({ data: { session: kolkata } })).detail).toBe(`Session: ${range}`);
  });
});
