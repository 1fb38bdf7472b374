/** A person's own check-in codes: which bookings have them, and how a code is written for reading out. */

/** A booking that is on and not over has codes. */
export const hasCheckinCodes = (booking, now = Date.now()) =>
  booking.status === "active" && new Date(booking.session?.ends_at ?? booking.session?.starts_at).getTime() > now;

/** "K7Q2 M9XD": two groups of four, easier to read out. */
export const spacedCode = (code) => `${code.slice(0, 4)} ${code.slice(4)}`;
