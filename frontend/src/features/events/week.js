/** The timetable's week: Monday to Sunday as calendar days ("2027-01-04"), today by the viewer's own clock, and the
 *  URL's ?week=, which names the week's Monday. Days are plain dates: no time zone enters until a session is shown. */

import { DAY_MS, dayMs, dayText } from "../../lib/calendar-days.js";
import { formatCalendarDay } from "../../lib/format.js";

/** Today on the viewer's clock, "2027-01-06". */
export function today(now = new Date()) {
  return dayText(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
}

/** The Monday of the week a date falls in; null for a date that is not one. */
export function mondayOf(text) {
  const ms = dayMs(text);
  if (Number.isNaN(ms)) return null;
  const sinceMonday = (new Date(ms).getUTCDay() + 6) % 7;
  return dayText(ms - sinceMonday * DAY_MS);
}

/** The date itself when it is a real one ("2027-01-06"), else null. */
export const dayOrNull = (text) => (Number.isNaN(dayMs(text)) ? null : text);

/** A date `days` after another. */
export const addDays = (text, days) => dayText(dayMs(text) + days * DAY_MS);

/** The seven dates of the week that starts on monday. */
export const weekDays = (monday) => Array.from({ length: 7 }, (_, n) => addDays(monday, n));

/** "Monday 4 January" style parts of a date, in the app's language: {weekday, short, long}. */
export function dayLabels(text) {
  return { weekday: formatCalendarDay(text, "weekday"), short: formatCalendarDay(text, "short"), long: formatCalendarDay(text, "long") };
}
