/**
 * What a check-in device keeps in IndexedDB: each session's roster as last downloaded (with its key, so codes are
 * checked with no network) and the check-ins made here and not yet sent, oldest first.
 */
import { openDB } from "idb";

const NAME = "checkin";
const VERSION = 1;

let opened = null; // {factory, db}: opened again when the page's IndexedDB changes (a test's fresh one)

function database() {
  const factory = globalThis.indexedDB;
  if (opened?.factory !== factory) {
    const db = openDB(NAME, VERSION, {
      upgrade(upgrading) {
        upgrading.createObjectStore("rosters", { keyPath: "sessionId" });
        const queue = upgrading.createObjectStore("queue", { keyPath: "id", autoIncrement: true });
        queue.createIndex("session", "sessionId");
      },
    });
    opened = { factory, db };
  }
  return opened.db;
}

/** The session's roster as saved here: {roster, savedAt} or undefined. */
export async function savedRoster(sessionId) {
  return (await database()).get("rosters", Number(sessionId));
}

export async function saveRoster(sessionId, roster, savedAt = new Date().toISOString()) {
  await (await database()).put("rosters", { sessionId: Number(sessionId), roster, savedAt });
}

/** entry: {item (what POST .../checkins takes), seatKey, name}; → the entry with its id. */
export async function addToQueue(sessionId, entry) {
  const stored = { ...entry, sessionId: Number(sessionId) };
  const id = await (await database()).add("queue", stored);
  return { ...stored, id };
}

/** The session's check-ins waiting to be sent, oldest first. */
export async function queued(sessionId) {
  return (await database()).getAllFromIndex("queue", "session", Number(sessionId));
}

export async function removeFromQueue(ids) {
  const transaction = (await database()).transaction("queue", "readwrite");
  await Promise.all([...ids.map((id) => transaction.store.delete(id)), transaction.done]);
}
