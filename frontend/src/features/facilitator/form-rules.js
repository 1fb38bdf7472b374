/** Client checks for the session and event forms: times, capacity and time zone. */
import { fromZonedInput } from "../../lib/format.js";
import { isTimeZone } from "../../lib/time-zones.js";

export const MAX_CAPACITY = 10_000;

/**
 * {starts_at?, ends_at?} messages for two datetime-local values read on the clocks of `timeZone` (the event's;
 * default the viewer's); `requireFuture` for a start being set now.
 */
export function checkTimes(startsAt, endsAt, { requireFuture = true, now = Date.now(), timeZone } = {}) {
  const errors = {};
  const start = fromZonedInput(startsAt, timeZone);
  const end = fromZonedInput(endsAt, timeZone);
  if (!start) errors.starts_at = "Enter when the session starts.";
  if (!end) errors.ends_at = "Enter when the session ends.";
  if (start && end && new Date(end) <= new Date(start)) errors.ends_at = "The end must be after the start.";
  if (start && requireFuture && new Date(start).getTime() <= now) errors.starts_at = "The start must be in the future.";
  return errors;
}

/** A message for a time zone name, or null. */
export function checkTimeZone(name) {
  if (!name) return "Choose the time zone the sessions' times are in.";
  return isTimeZone(name) ? null : "Choose a time zone from the list.";
}

/** A message for a capacity text, or null; `seatsTaken` is the floor once people have booked. */
export function checkCapacity(text, seatsTaken = 0) {
  const value = Number(text);
  if (text === "" || text === null || text === undefined) return "Enter how many people can attend.";
  if (!Number.isInteger(value) || value < 1) return "Capacity must be a whole number, at least 1.";
  if (value > MAX_CAPACITY) return `Capacity can be at most ${MAX_CAPACITY.toLocaleString()}.`;
  if (value < seatsTaken) {
    const who = seatsTaken === 1 ? "1 person has" : `${seatsTaken} people have`;
    return `${who} already booked this session, so the capacity can't be lower than ${seatsTaken}.`;
  }
  return null;
}
