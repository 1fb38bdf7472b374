/** A booking for several people as the booking dialog builds it: how many seats, and a name and optional email for
 *  each guest (one per seat beyond the booker's), resized as the seats change; checked before it is sent, and the
 *  server's refusals of it read back onto its fields. */
import { fieldErrorsFrom, splitFieldErrors } from "../../lib/field-errors.js";
import { t } from "../../lib/i18n.js";

export const DEFAULT_MOST_SEATS = 6;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** One seat, no guests. */
export const newParty = () => ({ seats: 1, guests: [] });

/** The most seats one booking may take in this session: its own limit, and no more than are left (when booking). */
export function mostSeats(session, { booking = true } = {}) {
  const limit = session?.max_seats_per_booking ?? DEFAULT_MOST_SEATS;
  if (!booking || !Number.isFinite(session?.seats_left)) return Math.max(1, limit);
  return Math.max(1, Math.min(limit, session.seats_left));
}

/** The party with this many seats: guests typed in are kept, seats added get blank ones, seats removed drop theirs. */
export function withSeats(party, seats) {
  const guests = Array.from({ length: seats - 1 }, (_, index) => party.guests[index] ?? { name: "", email: "" });
  return { seats, guests };
}

/** The party with one guest's field changed. */
export function withGuest(party, index, field, value) {
  return { ...party, guests: party.guests.map((guest, at) => (at === index ? { ...guest, [field]: value } : guest)) };
}

/** {"<index>": {name?, email?}}: what is wrong with each guest (an email without a name, an email that is not one). */
export function guestErrors(party) {
  const errors = {};
  party.guests.forEach((guest, index) => {
    const email = guest.email.trim();
    const problems = {};
    if (email && !guest.name.trim()) problems.name = t("bookings:party.addName");
    if (email && !EMAIL.test(email)) problems.email = t("bookings:party.notEmail");
    if (Object.keys(problems).length) errors[index] = problems;
  });
  return errors;
}

/** The same party again, for a booking made anew from an old one (its guests still coming, their seats). */
export function sameParty(booking) {
  const guests = (booking.guests ?? []).filter((guest) => guest.status === "active").map((guest) => (guest.email ? { name: guest.name, email: guest.email } : { name: guest.name }));
  return { sessionId: booking.session_id, seats: 1 + guests.length, guests };
}

const isNamed = (guest) => guest.name.trim() !== "";

/** The request's {seats, guests}: the guests named (seats left unnamed are named "Guest 2", … by the server). */
export function partyRequest(party) {
  const guests = party.guests
    .filter(isNamed)
    .map((guest) => (guest.email.trim() ? { name: guest.name.trim(), email: guest.email.trim() } : { name: guest.name.trim() }));
  return { seats: party.seats, guests };
}

/** The dialog's index of each guest the request sent (only the named ones are sent). */
const sentIndexes = (party) => party.guests.flatMap((guest, index) => (isNamed(guest) ? [index] : []));

/**
 * What the dialog shows of a refusal the person can fix there, or null for any other (the page shows those):
 * {alert, seats, guests: {"<index>": {name?, email?}}}. Too few seats left says how many; a 400 goes beside the
 * Seats and guest fields it names (the request's guest indexes mapped back to the dialog's), the rest in the alert.
 */
export function partyRefusal(error, party) {
  if (error?.code === "not_enough_seats") {
    const left = error.details?.seats_left;
    if (!Number.isFinite(left)) return { alert: error.message, seats: t("bookings:party.fewerSeats"), guests: {} };
    return { alert: t("bookings:party.onlyLeft", { count: left }), seats: t("bookings:party.chooseAtMost", { count: left }), guests: {} };
  }
  if (error?.code !== "validation_error") return null;
  const sent = sentIndexes(party);
  const fieldOf = (path) => {
    if (path === "seats" || path === "guests") return path;
    const [, at, field] = /^guests\.(\d+)\.(name|email)$/.exec(path) ?? [];
    return sent[at] !== undefined && `${sent[at]}.${field}`;
  };
  const { fields, other } = splitFieldErrors(fieldErrorsFrom(error), fieldOf);
  if (Object.keys(fields).length === 0) return null;
  const guests = {};
  for (const [key, message] of Object.entries(fields)) {
    const [index, field] = key.split(".");
    if (field) guests[index] = { ...guests[index], [field]: message };
  }
  const alert = [fields.guests, ...other].filter(Boolean).join(" ") || t("bookings:party.checkBelow");
  return { alert, seats: fields.seats, guests };
}
