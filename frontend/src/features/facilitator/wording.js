/** What a facilitator is told about the people who booked: who will be emailed of a cancellation or a move, and
 *  how the emails about a session stand (the dialogs', notices' and tables' exact texts). */

const people = (count) => (count === 1 ? "1 person" : `${count} people`);

/** "<N> people booked will be emailed that it is cancelled, with your reason if you give one." or, with nobody
 *  booked, `nobody`. */
export function toldLine(count, nobody) {
  return count > 0 ? `${people(count)} booked will be emailed that it is cancelled, with your reason if you give one.` : nobody;
}

/** After a cancellation: "<N> people are being emailed."; "Nobody had booked." when there was no one to tell. */
export function toldDone(count) {
  if (!count) return "Nobody had booked.";
  return count === 1 ? "1 person is being emailed." : `${count} people are being emailed.`;
}

/** After saving a session: "Session updated.", and when its times moved with people booked, that they are being
 *  emailed the change (the server emails each of them the old and new times with the updated calendar entry). */
export function sessionSavedText(movedTimes, booked) {
  if (!movedTimes || !booked) return "Session updated.";
  return booked === 1 ? "Session updated. The 1 person booked is being emailed the new time." : `Session updated. The ${booked} people booked are being emailed the new time.`;
}

/**
 * How the emails about a session's bookings stand (confirmations, changes, cancellations), from the API's
 * {sent, pending, failed}: {text: "Emails: 12 sent · 1 pending", failed: "0 failed"}; failed is apart so it can be
 * shown in the danger colour. null when the session carries no counts.
 */
export function emailCounts(emails) {
  if (!emails || typeof emails !== "object") return null;
  const count = (value) => (Number.isFinite(value) ? value : 0);
  return {
    text: `Emails: ${count(emails.sent)} sent · ${count(emails.pending)} pending`,
    failed: `${count(emails.failed)} failed`,
    hasFailed: count(emails.failed) > 0,
  };
}
