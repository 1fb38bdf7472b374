/** A booking for several people as the booking dialog builds it: how many seats, and a name and optional email for
 *  each guest (one per seat beyond the booker's), resized as the seats change; checked before it is sent. */

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
    if (email && !guest.name.trim()) problems.name = "Add their name too.";
    if (email && !EMAIL.test(email)) problems.email = "This doesn't look like an email address.";
    if (Object.keys(problems).length) errors[index] = problems;
  });
  return errors;
}

/** The same party again, for a booking made anew from an old one (its guests still coming, their seats). */
export function sameParty(booking) {
  const guests = (booking.guests ?? []).filter((guest) => guest.status === "active").map((guest) => (guest.email ? { name: guest.name, email: guest.email } : { name: guest.name }));
  return { sessionId: booking.session_id, seats: 1 + guests.length, guests };
}

/** The request's {seats, guests}: the guests named (seats left unnamed are named "Guest 2", … by the server). */
export function partyRequest(party) {
  const guests = party.guests
    .filter((guest) => guest.name.trim())
    .map((guest) => (guest.email.trim() ? { name: guest.name.trim(), email: guest.email.trim() } : { name: guest.name.trim() }));
  return { seats: party.seats, guests };
}
