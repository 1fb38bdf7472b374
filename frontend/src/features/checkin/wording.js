/** What the check-in page says: the count, the connection, and each verdict, in the event's clock. */
import { plural } from "../../lib/format.js";
import { REASONS } from "./desk.js";

/** "18:02" on the event's clock (the door is where the event is). */
export function clockTime(iso, timeZone) {
  const options = { hour: "2-digit", minute: "2-digit" };
  try {
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(undefined, options).format(new Date(iso)); // an unknown zone name: the device's
  }
}

/** "14 of 18 here". */
export const countText = ({ checked, expected }) => `${checked} of ${expected} here`;

/** The connection line: offline with what waits, sending, or all sent. */
export function connectionText({ online, waiting, live }) {
  const queue = waiting > 0 ? `${plural(waiting, "check-in")} waiting to send` : "nothing waiting to send";
  if (!online) return `Offline — ${waiting} waiting to send`;
  if (!live) return `No answer from the server — ${queue}`;
  return waiting > 0 ? `Online — sending ${plural(waiting, "check-in")}…` : "Online — every check-in is sent";
}

/** "by this device" or "by device-K7Q2M9". */
const byDevice = (device, here) => (!device ? "" : device === here ? " by this device" : ` by ${device}`);

/** A verdict → {tone: ok | warn | error, title, detail}. */
export function verdictText(verdict, { timeZone, device, opensAt }) {
  const name = verdict.seat?.name ?? "This seat";
  switch (verdict.status) {
    case "checked_in":
      return { tone: "ok", title: `✓ ${name} — checked in`, detail: null };
    case "already_checked_in":
      return {
        tone: "warn",
        title: `Already here: ${name}`,
        detail: `Checked in at ${clockTime(verdict.checked_in_at, timeZone)}${byDevice(verdict.device_id, device)}.`,
      };
    case "undone":
      return { tone: "ok", title: `Undone: ${name} is not checked in`, detail: null };
    case "not_kept":
      return { tone: "error", title: `Not checked in: ${name}`, detail: `This browser keeps nothing for this page, and the server could not be reached: ${verdict.error?.message ?? "try again"}` };
    case "undo_failed":
      return {
        tone: "error",
        title: `Not undone: ${name}`,
        detail: verdict.error?.status === 0 ? "This check-in was sent already: undo it when the network is back." : verdict.error?.message,
      };
    default: {
      const why = verdict.reason === "checkin_not_open" && opensAt ? `Check-in opens at ${clockTime(opensAt, timeZone)}.` : REASONS[verdict.reason];
      return { tone: "error", title: verdict.seat?.name ? `Not valid: ${verdict.seat.name}` : "Not valid", detail: why ?? "This code can't be used." };
    }
  }
}
