/** How an event and its sessions read on screen: kind names, date spans, availability. */
import { formatDate, formatRange, plural } from "../../lib/format.js";

export const KIND_LABELS = { session: "Session", retreat: "Retreat" };

export const kindLabel = (kind) => KIND_LABELS[kind] ?? kind;

export const isCancelled = (item) => item?.status === "cancelled";

export function sortedSessions(event) {
  return [...(event?.sessions ?? [])].sort((a, b) => new Date(a.starts_at) - new Date(b.starts_at));
}

/** "Mon, 23 Nov 2026, 18:00 – 19:00" for one day, else "Mon, 23 Nov 2026 – Mon, 7 Dec 2026". */
export function eventDates(event) {
  const { starts_at: start, ends_at: end } = event;
  if (!start) return "";
  if (!end || new Date(start).toDateString() === new Date(end).toDateString()) return formatRange(start, end);
  return `${formatDate(start)} – ${formatDate(end)}`;
}

/** Whether a session can take a booking now, and if not, why (as shown in the table). */
export function sessionAvailability(session, event, now = Date.now()) {
  if (isCancelled(session) || isCancelled(event)) return { bookable: false, label: "Cancelled", tone: "cancelled" };
  if (new Date(session.starts_at).getTime() <= now) return { bookable: false, label: "Already started", tone: "" };
  if (session.seats_left <= 0) return { bookable: false, label: "Full", tone: "warn" };
  return { bookable: true, label: `${plural(session.seats_left, "seat")} left`, tone: "ok" };
}
