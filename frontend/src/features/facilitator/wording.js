/** How many people a cancellation reaches, in words (the dialogs' and confirmations' exact texts). */

/** "<N> people with active bookings will be told." or, with nobody booked, `nobody`. */
export function toldLine(count, nobody) {
  if (count === 1) return "1 person with an active booking will be told.";
  return count > 0 ? `${count} people with active bookings will be told.` : nobody;
}

/** "<N> people were told." after a cancellation; "Nobody had booked." when there was no one to tell. */
export function toldDone(count) {
  if (!count) return "Nobody had booked.";
  return count === 1 ? "1 person was told." : `${count} people were told.`;
}
