/**
 * The door's decisions, made on the device so they need no network: who a scanned or typed code names, and whether
 * they may come in (a genuine code of this session, a seat still coming, not here yet, check-in open). Verdicts have
 * the shape of the API's results: {status: checked_in | already_checked_in | not_valid, reason, seat}.
 */
import { t } from "../../lib/i18n.js";
import { isGenuine, readCode, seatCode } from "./codes.js";

export const seatKey = (bookingId, seat) => `${bookingId}:${seat}`;

/**
 * The seats as this device knows them, by seatKey: the roster's, each check-in waiting to be sent marked as made here
 * (waiting: true), and the seats of bookings made after the roster was saved that were checked in by their QR code.
 */
export function seatsHere(roster, pending = []) {
  const seats = new Map(roster.seats.map((seat) => [seatKey(seat.booking_id, seat.seat), { ...seat, waiting: false }]));
  for (const entry of pending) {
    const known = seats.get(entry.seatKey) ?? { booking_id: entry.bookingId, seat: entry.seat, name: entry.name, code: null };
    const checked = known.checked_in_at ? {} : { checked_in_at: entry.item.at, device_id: entry.item.device_id };
    seats.set(entry.seatKey, { ...known, ...checked, waiting: true });
  }
  return seats;
}

/** {checked, expected}: seats here and seats coming, as this device knows them. */
export function countHere(seats) {
  const all = [...seats.values()];
  return { checked: all.filter((seat) => seat.checked_in_at).length, expected: all.length };
}

const refused = (reason, seat = null) => ({ status: "not_valid", reason, seat });

/** The seat a code names ({booking_id, seat, name}) or why it names none; key: the session's CryptoKey. */
async function seatOfCode(text, { roster, key, seats }) {
  const read = readCode(text);
  if (!read) return refused("not_a_code");
  const sessionId = roster.session.id;
  if (read.kind === "qr") {
    if (read.sessionId !== sessionId) return refused("other_session");
    if (!(await isGenuine(key, read))) return refused("code_not_recognised");
    const found = seats.get(seatKey(read.bookingId, read.seat));
    // A booking made after the roster was saved: its QR code is genuine, so it is let in under its booking's number.
    return { seat: found ?? { booking_id: read.bookingId, seat: read.seat, name: t("checkin:seatOfBooking", { booking: String(read.bookingId), seat: String(read.seat) }), code: read.code } };
  }
  const found = [...seats.values()].find((seat) => seat.code === read.code);
  if (found) return { seat: found };
  for (const back of roster.given_back) {
    if ((await seatCode(key, sessionId, back.booking_id, back.seat)) === read.code) return refused("seat_given_back", back);
  }
  return refused("code_not_recognised");
}

/** Whether this seat may come in now: → a verdict. */
export function admit(seat, { roster, seats, now = Date.now() }) {
  const given = roster.given_back.some((back) => back.booking_id === seat.booking_id && back.seat === seat.seat);
  if (given) return refused("seat_given_back", seat);
  const known = seats.get(seatKey(seat.booking_id, seat.seat)) ?? seat;
  if (known.checked_in_at) return { status: "already_checked_in", seat: known, checked_in_at: known.checked_in_at, device_id: known.device_id };
  if (now < new Date(roster.opens_at).getTime()) return refused("checkin_not_open", known);
  if (now > new Date(roster.closes_at).getTime()) return refused("checkin_closed", known);
  return { status: "checked_in", seat: known };
}

/** A scanned or typed code → a verdict; a checked_in one carries `code`, what to send (the server checks it again). */
export async function judgeCode(text, context) {
  const found = await seatOfCode(text, context);
  if (!found.seat || found.status) return found;
  const verdict = admit(found.seat, context);
  return verdict.status === "checked_in" ? { ...verdict, code: String(text).trim() } : verdict;
}

/** The catalogue's plain words for a refusal's reason (the device's and the server's), translated where shown. */
export const REASONS = {
  not_a_code: "checkin:reasons.notACode",
  other_session: "checkin:reasons.otherSession",
  code_not_recognised: "checkin:reasons.codeNotRecognised",
  seat_given_back: "checkin:reasons.seatGivenBack",
  booking_not_active: "checkin:reasons.bookingNotActive",
  no_such_seat: "checkin:reasons.noSuchSeat",
  checkin_not_open: "checkin:reasons.checkinNotOpen",
  checkin_closed: "checkin:reasons.checkinClosed",
};

/** A refusal's reason in plain words (a reason the app doesn't know, as the server sent it); null without one. */
export const reasonText = (reason) => (REASONS[reason] ? t(REASONS[reason]) : (reason ?? null));

/** Matches a name against a search ("asha v" finds "Asha Verma"): every word of the search starts a word of the name. */
export function matchesName(name, search) {
  const words = String(name).toLowerCase().split(/\s+/);
  return search
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((part) => words.some((word) => word.startsWith(part)));
}
