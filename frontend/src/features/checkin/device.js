/** This browser's name as a check-in device, made once and kept: it goes with each check-in, so "already here at
 *  18:02 by device-K7Q2M9" says which door let someone in. */
import { ALPHABET } from "./codes.js";

const KEY = "checkin.device";

export function deviceId(storage = window.localStorage) {
  const saved = storage.getItem(KEY);
  if (saved) return saved;
  const random = crypto.getRandomValues(new Uint8Array(6));
  const made = `device-${[...random].map((byte) => ALPHABET[byte % 32]).join("")}`;
  storage.setItem(KEY, made);
  return made;
}
