/** A session's roster shaped like GET /api/facilitator/<id>/sessions/<id>/roster, for this feature's tests. Its key and
 *  codes are the main API's own: main_app.services.common.checkin_codes with SECRET_KEY "x" * 40 and session 12. */
import "fake-indexeddb/auto"; // IndexedDB and its classes (IDBRequest, ...), which jsdom lacks
import { IDBFactory } from "fake-indexeddb";

export const KEY_HEX = "d5267e95df218b7e4ec490ea5796cd695fb912f41b66eb1dac8a484f4b8f5021";
export const SESSION_ID = 12;
/** Seat codes under KEY_HEX: booking:seat → code. */
export const CODES = { "345:1": "9VSWMDJQ", "345:2": "DT487ND5", "7:1": "5TGCXPRW", "999999:3": "G89RYY0F", "500:1": "E44FCRV5", "41:1": "PRQ1490Q" };
/** Booking 345's seat 1 under session 13's key: a genuine code of another session. */
export const OTHER_SESSION_CODE = "CJXTAA5H";
export const ZONE = "Asia/Kolkata";

const MINUTE = 60_000;
export const minutesFromNow = (minutes) => new Date(Date.now() + minutes * MINUTE).toISOString();

export const qrOf = (bookingId, seat, sessionId = SESSION_ID) => `CHK1:${sessionId}:${bookingId}:${seat}:${CODES[`${bookingId}:${seat}`]}`;

function rosterSeat(bookingId, seat, name, bookedBy, overrides = {}) {
  const code = CODES[`${bookingId}:${seat}`];
  return {
    booking_id: bookingId,
    seat,
    name,
    email: null,
    booked_by: bookedBy,
    code,
    qr: qrOf(bookingId, seat),
    checked_in_at: null,
    device_id: null,
    ...overrides,
  };
}

/** Asha (booking 345) with her guest Ravi, Meera (booking 7, checked in by another device), Kiran (booking 41); a
 *  cancelled guest's seat 3 of booking 999999. The session started 10 minutes ago, for an hour. */
export function roster(overrides = {}) {
  const seats = [
    rosterSeat(345, 1, "Asha Verma", "Asha Verma", { email: "asha@example.com" }),
    rosterSeat(41, 1, "Kiran Rao", "Kiran Rao", { email: "kiran@example.com" }),
    rosterSeat(7, 1, "Meera Iyer", "Meera Iyer", { email: "meera@example.com", checked_in_at: minutesFromNow(-12), device_id: "door-1" }),
    rosterSeat(345, 2, "Ravi Kumar", "Asha Verma"),
  ];
  return {
    session: { id: SESSION_ID, event_id: 1, starts_at: minutesFromNow(-10), ends_at: minutesFromNow(50), capacity: 10, status: "scheduled" },
    event: { id: 1, title: "Morning Vinyasa Flow", kind: "session", location: "Lotus Studio", timezone: ZONE },
    opens_at: minutesFromNow(-70),
    closes_at: minutesFromNow(50),
    checkin_key: KEY_HEX,
    seats,
    given_back: [{ booking_id: 999999, seat: 3 }],
    expected: seats.length,
    checked_in: 1,
    ...overrides,
  };
}

/** A fresh, empty IndexedDB for each test (the device's storage). */
export function freshDevice() {
  globalThis.indexedDB = new IDBFactory();
}
