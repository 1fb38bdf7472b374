/** How an event and its sessions read on screen: kind names, date spans, availability. */
import { eventTimes, formatDate, plural, sameDay } from "../../lib/format.js";

export const KIND_LABELS = { session: "Session", retreat: "Retreat" };

export const kindLabel = (kind) => KIND_LABELS[kind] ?? kind;

export const isCancelled = (item) => item?.status === "cancelled";

export function sortedSessions(event) {
  return [...(event?.sessions ?? [])].sort((a, b) => new Date(a.starts_at) - new Date(b.starts_at));
}

/**
 * When an event runs, in its own zone: {text, viewerText} as eventTimes gives them. One day reads with its times
 * ("Mon, 23 Nov 2026, 18:00 – 19:00 IST", and the viewer's time when it differs), several days as a span of dates
 * there ("Mon, 23 Nov 2026 – Mon, 7 Dec 2026").
 */
export function eventDates(event, { viewerZone } = {}) {
  const { starts_at: start, ends_at: end, timezone: timeZone } = event;
  if (!start) return { text: "", viewerText: null };
  if (!end || sameDay(start, end, { timeZone, viewerZone })) return eventTimes(start, end, timeZone, { viewerZone });
  return { text: `${formatDate(start, { timeZone, viewerZone })} – ${formatDate(end, { timeZone, viewerZone })}`, viewerText: null };
}

/** Whether a session can take a booking now, and if not, why (as shown in the table). */
export function sessionAvailability(session, event, now = Date.now()) {
  if (isCancelled(session) || isCancelled(event)) return { bookable: false, label: "Cancelled", tone: "cancelled" };
  if (new Date(session.starts_at).getTime() <= now) return { bookable: false, label: "Already started", tone: "" };
  if (session.seats_left <= 0) return { bookable: false, label: "Full", tone: "warn" };
  return { bookable: true, label: `${plural(session.seats_left, "seat")} left`, tone: "ok" };
}
