/** Booking for a family: who holds a seat in a session already (the person, or a child of their family), who else
 *  the booking dialog can book one for, and which passes can pay for a child's seat. */
import { holdsSeat } from "./booking-status.js";

/** The person themself, beside their children's ids. */
export const ME = "me";

const personOf = (booking) => booking.for?.id ?? ME;

/** {session id: Set of ME and children's ids}: who holds a seat (booked, held for payment, or asked for). */
export function seatHolders(bookings = []) {
  const holders = new Map();
  for (const booking of bookings.filter(holdsSeat)) {
    if (!holders.has(booking.session_id)) holders.set(booking.session_id, new Set());
    holders.get(booking.session_id).add(personOf(booking));
  }
  return holders;
}

/** Who of the family waits in the session's line: a Set of ME and children's ids, given its places. */
export const waitingIn = (places = []) => new Set(places.map(personOf));

/** The family without a seat in the session ([{key, name}], the person first: name null), given its holders. */
export function withoutSeat(children, holders = new Set()) {
  const family = [{ key: ME, name: null }, ...children.map((child) => ({ key: child.id, name: child.name }))];
  return family.filter((person) => !holders.has(person.key));
}

/** The names of the children holding a seat, for the mark beside a session ("Booked for Asha"). */
export const childrenBooked = (children, holders = new Set()) => children.filter((child) => holders.has(child.id)).map((child) => child.name);

/** The request's dependent_id for whom the seat is for: a child's id, or nothing for the person. */
export const dependentOf = (forWhom) => (forWhom == null || forWhom === ME ? undefined : forWhom);

/** The passes that can pay a child's seat: only those the studio made shareable (the family's). */
export const passesFor = (passes, forWhom) => (dependentOf(forWhom) === undefined ? passes : (passes ?? []).filter((pass) => pass.shareable));
