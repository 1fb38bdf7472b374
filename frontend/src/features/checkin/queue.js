/**
 * Sending a device's queued check-ins: all of a session's at once (in batches of the API's 500), each batch taken off
 * the queue only once the server has answered it. A batch whose answer was lost stays queued and goes again: the
 * server records a seat once, so sending twice changes nothing.
 */
import { queued, removeFromQueue } from "./storage.js";

export const BATCH = 500;

const sending = new Map(); // session id → its last send: sends of a session go one after another

/** Sends what is queued when its turn comes → {sent: [{entry, result}], checkedIn: the server's count, or null when
 *  nothing was sent}. Throws ApiError when a batch fails (what was answered before it is off the queue). */
export function sendQueue(main, path, sessionId) {
  const key = String(sessionId);
  const before = sending.get(key) ?? Promise.resolve();
  const run = before.catch(() => {}).then(() => sendAll(main, path, sessionId));
  sending.set(key, run);
  run.catch(() => {}).finally(() => sending.get(key) === run && sending.delete(key));
  return run;
}

async function sendAll(main, path, sessionId) {
  const entries = await queued(sessionId);
  const sent = [];
  let checkedIn = null;
  for (let start = 0; start < entries.length; start += BATCH) {
    const batch = entries.slice(start, start + BATCH);
    const answer = await main.post(path, { checkins: batch.map((entry) => entry.item) });
    await removeFromQueue(batch.map((entry) => entry.id));
    batch.forEach((entry, index) => sent.push({ entry, result: answer.results[index] }));
    checkedIn = answer.checked_in;
  }
  return { sent, checkedIn };
}
