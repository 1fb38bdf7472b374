/** The front desk's two days: which sessions of the studio start today and tomorrow on the studio's clock. */
import { wallClock } from "../../lib/time-zones.js";

const DAY_MS = 86_400_000;

/** "2026-11-25": the calendar day an instant falls on in a zone. */
export function dayKey(instant, timeZone) {
  const { year, month, day } = wallClock(instant, timeZone);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The keys of today and tomorrow in a zone (tomorrow found by stepping past today's end, so a 23- or 25-hour day
 *  still gives the next date). */
export function deskDayKeys(now, timeZone) {
  const today = dayKey(now, timeZone);
  let later = now + DAY_MS;
  while (dayKey(later, timeZone) === today) later += 3_600_000;
  return { today, tomorrow: dayKey(later, timeZone) };
}

/**
 * The scheduled sessions of events that start today or tomorrow in timeZone, each {...session, event}, by start:
 * {today: [...], tomorrow: [...]}. The server already keeps a front desk to those days; a manager's list holds every
 * session, so the desk picks them here.
 */
export function deskDays(events, timeZone, now = Date.now()) {
  const keys = deskDayKeys(now, timeZone);
  const days = { today: [], tomorrow: [] };
  for (const event of events ?? []) {
    if (event.status === "cancelled") continue;
    for (const session of event.sessions ?? []) {
      if (session.status && session.status !== "scheduled") continue;
      const key = dayKey(new Date(session.starts_at).getTime(), timeZone);
      const day = key === keys.today ? "today" : key === keys.tomorrow ? "tomorrow" : null;
      if (day) days[day].push({ ...session, event });
    }
  }
  const byStart = (a, b) => new Date(a.starts_at) - new Date(b.starts_at);
  return { today: days.today.sort(byStart), tomorrow: days.tomorrow.sort(byStart) };
}

/** Who teaches a session, when its document says (session.instructor); "" else. The event's facilitator is who made
 *  it, not who teaches, so it is never shown instead. */
export const instructorName = (session) => session.instructor?.name ?? "";
