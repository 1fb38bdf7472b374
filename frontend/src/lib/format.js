/** Dates and counts as people read them, in the browser's own locale and time zone. */
const dateTime = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
const dateOnly = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", year: "numeric" });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

export function formatDateTime(iso) {
  return iso ? dateTime.format(new Date(iso)) : "";
}

export function formatDate(iso) {
  return iso ? dateOnly.format(new Date(iso)) : "";
}

/** "Sat, 5 Dec 2026, 09:00 – 12:00", or both full dates when the range spans days. */
export function formatRange(startIso, endIso) {
  if (!startIso) return "";
  if (!endIso) return formatDateTime(startIso);
  const start = new Date(startIso);
  const end = new Date(endIso);
  if (start.toDateString() === end.toDateString()) return `${dateTime.format(start)} – ${timeOnly.format(end)}`;
  return `${dateTime.format(start)} – ${dateTime.format(end)}`;
}

export function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

/** Value for <input type="datetime-local"> from an ISO time, in local time. */
export function toLocalInput(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** ISO time with offset from a datetime-local value (which is local time). */
export function fromLocalInput(value) {
  return value ? new Date(value).toISOString() : null;
}
