import { beforeAll, describe, expect, it } from "vitest";
import { importSessionKey } from "./codes.js";
import { admit, countHere, judgeCode, matchesName, seatKey, seatsHere } from "./desk.js";
import { CODES, KEY_HEX, OTHER_SESSION_CODE, minutesFromNow, qrOf, roster } from "./test-fixtures.js";

let key;
beforeAll(async () => {
  key = await importSessionKey(KEY_HEX);
});

const context = (pending = [], theRoster = roster(), now = Date.now()) => ({ roster: theRoster, key, seats: seatsHere(theRoster, pending), now });
const waiting = (bookingId, seat, name) => ({
  id: 1,
  seatKey: seatKey(bookingId, seat),
  bookingId,
  seat,
  name,
  item: { code: qrOf(bookingId, seat), at: minutesFromNow(-1), device_id: "device-HERE01" },
});

describe("judgeCode", () => {
  it("lets in a seat of the roster by its QR code or its typed code", async () => {
    const byQr = await judgeCode(qrOf(345, 2), context());
    expect(byQr).toMatchObject({ status: "checked_in", seat: { booking_id: 345, seat: 2, name: "Ravi Kumar" }, code: qrOf(345, 2) });
    const typed = await judgeCode(" 9vsw-mdjq ", context());
    expect(typed).toMatchObject({ status: "checked_in", seat: { booking_id: 345, seat: 1, name: "Asha Verma" } });
  });

  it("lets in a genuine QR code of a booking made after the roster was saved", async () => {
    const verdict = await judgeCode(`CHK1:12:500:1:${CODES["500:1"]}`, context());
    expect(verdict).toMatchObject({ status: "checked_in", seat: { booking_id: 500, seat: 1, name: "Booking 500, seat 1" } });
  });

  it("refuses forged codes, other sessions' codes, given-back seats and what is not a code", async () => {
    expect(await judgeCode("CHK1:12:500:1:9VSWMDJQ", context())).toMatchObject({ status: "not_valid", reason: "code_not_recognised" });
    expect(await judgeCode(`CHK1:13:345:1:${OTHER_SESSION_CODE}`, context())).toMatchObject({ status: "not_valid", reason: "other_session" });
    expect(await judgeCode(OTHER_SESSION_CODE, context())).toMatchObject({ status: "not_valid", reason: "code_not_recognised" });
    expect(await judgeCode(qrOf(999999, 3), context())).toMatchObject({ status: "not_valid", reason: "seat_given_back" });
    expect(await judgeCode(CODES["999999:3"], context())).toMatchObject({ status: "not_valid", reason: "seat_given_back" });
    expect(await judgeCode("hello", context())).toMatchObject({ status: "not_valid", reason: "not_a_code" });
  });

  it("says who is here already: by the roster, or by a check-in of this device not sent yet", async () => {
    const meera = await judgeCode(CODES["7:1"], context());
    expect(meera).toMatchObject({ status: "already_checked_in", seat: { name: "Meera Iyer" }, device_id: "door-1" });
    const asha = await judgeCode(qrOf(345, 1), context([waiting(345, 1, "Asha Verma")]));
    expect(asha).toMatchObject({ status: "already_checked_in", device_id: "device-HERE01" });
    const later = await judgeCode(qrOf(500, 1), context([waiting(500, 1, "Booking 500, seat 1")]));
    expect(later).toMatchObject({ status: "already_checked_in", seat: { booking_id: 500 } });
  });

  it("keeps to the check-in window", async () => {
    const early = roster({ opens_at: minutesFromNow(5) });
    expect(await judgeCode(CODES["41:1"], context([], early))).toMatchObject({ status: "not_valid", reason: "checkin_not_open" });
    const over = roster({ closes_at: minutesFromNow(-5) });
    expect(await judgeCode(CODES["41:1"], context([], over))).toMatchObject({ status: "not_valid", reason: "checkin_closed" });
  });
});

describe("the seats here", () => {
  it("count the roster's check-ins and this device's waiting ones, and seats booked since", () => {
    const seats = seatsHere(roster(), [waiting(345, 1, "Asha Verma"), waiting(500, 1, "Booking 500, seat 1")]);
    expect(countHere(seats)).toEqual({ checked: 3, expected: 5 });
    expect(seats.get("345:1")).toMatchObject({ waiting: true, device_id: "device-HERE01" });
    expect(seats.get("7:1")).toMatchObject({ waiting: false, device_id: "door-1" });
  });

  it("let a seat found by name in, once", () => {
    const seats = seatsHere(roster(), []);
    expect(admit(seats.get("41:1"), { roster: roster(), seats })).toMatchObject({ status: "checked_in" });
    expect(admit(seats.get("7:1"), { roster: roster(), seats })).toMatchObject({ status: "already_checked_in" });
  });
});

describe("matchesName", () => {
  it("finds a name by the starts of its words, in any case", () => {
    expect(matchesName("Asha Verma", "")).toBe(true);
    expect(matchesName("Asha Verma", "ver")).toBe(true);
    expect(matchesName("Asha Verma", "asha v")).toBe(true);
    expect(matchesName("Asha Verma", "erma")).toBe(false);
  });
});
