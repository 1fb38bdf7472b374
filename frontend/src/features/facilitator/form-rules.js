/** Client checks for the session and event forms: times and capacity. */
export const MAX_CAPACITY = 10_000;

/** {starts_at?, ends_at?} messages for two datetime-local values; `requireFuture` for a start being set now. */
export function checkTimes(startsAt, endsAt, { requireFuture = true, now = Date.now() } = {}) {
  const errors = {};
  if (!startsAt) errors.starts_at = "Enter when the session starts.";
  if (!endsAt) errors.ends_at = "Enter when the session ends.";
  if (startsAt && endsAt && new Date(endsAt) <= new Date(startsAt)) errors.ends_at = "The end must be after the start.";
  if (startsAt && requireFuture && !errors.starts_at && new Date(startsAt).getTime() <= now) {
    errors.starts_at = "The start must be in the future.";
  }
  return errors;
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
