/** The create-event form's values, checks and request body. */
import { fromLocalInput, toLocalInput } from "../../lib/format.js";
import { checkCapacity, checkTimes } from "./form-rules.js";

export const TITLE_MAX = 200;
export const LOCATION_MAX = 200;
export const DESCRIPTION_MAX = 5000;
export const EVENT_FIELDS = ["title", "kind", "location", "description", "sessions"];

let nextKey = 1;

export function emptyRow() {
  return { key: nextKey++, starts_at: "", ends_at: "", capacity: "" };
}

/** A new row a week after `previous` (a weekly class is the common case), or empty when it is incomplete. */
export function rowAfter(previous) {
  const row = emptyRow();
  if (!previous?.starts_at || !previous?.ends_at) return row;
  const shift = (value) => {
    const date = new Date(value); // local time, so a week later keeps the hour across a DST change
    date.setDate(date.getDate() + 7);
    return toLocalInput(date.toISOString());
  };
  return { ...row, starts_at: shift(previous.starts_at), ends_at: shift(previous.ends_at), capacity: previous.capacity };
}

export function initialEvent() {
  return { title: "", kind: "session", location: "", description: "", sessions: [emptyRow()] };
}

/** {"title": "...", "sessions.0.ends_at": "..."}: the same paths as the server's 400 details. */
export function checkEvent(values, now = Date.now()) {
  const errors = {};
  const title = values.title.trim();
  if (!title) errors.title = "Give the event a title.";
  else if (title.length > TITLE_MAX) errors.title = `The title can be at most ${TITLE_MAX} characters.`;
  if (!["session", "retreat"].includes(values.kind)) errors.kind = "Choose Session or Retreat.";
  if (values.location.trim().length > LOCATION_MAX) errors.location = `The location can be at most ${LOCATION_MAX} characters.`;
  if (values.description.length > DESCRIPTION_MAX) errors.description = `The description can be at most ${DESCRIPTION_MAX} characters.`;
  if (values.sessions.length === 0) errors.sessions = "Add at least one session.";
  values.sessions.forEach((row, index) => {
    const rowErrors = checkTimes(row.starts_at, row.ends_at, { now });
    const capacity = checkCapacity(String(row.capacity).trim());
    if (capacity) rowErrors.capacity = capacity;
    for (const [field, message] of Object.entries(rowErrors)) errors[`sessions.${index}.${field}`] = message;
  });
  return errors;
}

export function eventBody(values) {
  return {
    title: values.title.trim(),
    kind: values.kind,
    location: values.location.trim(),
    description: values.description.trim(),
    sessions: values.sessions.map((row) => ({
      starts_at: fromLocalInput(row.starts_at),
      ends_at: fromLocalInput(row.ends_at),
      capacity: Number(row.capacity),
    })),
  };
}

/** The errors of row `index`, as {starts_at, ends_at, capacity}. */
export function rowErrors(errors, index) {
  const prefix = `sessions.${index}.`;
  return Object.fromEntries(Object.entries(errors).filter(([path]) => path.startsWith(prefix)).map(([path, message]) => [path.slice(prefix.length), message]));
}

/** True for every path the form can show beside a field. */
export const isFormField = (path) => EVENT_FIELDS.includes(path) || /^sessions\.\d+\.(starts_at|ends_at|capacity)$/.test(path);
