/** The timetable's week: Monday to Sunday as calendar days ("2027-01-04"), today by the viewer's own clock, and the
 *  URL's ?week=, which names the week's Monday. Days are plain dates: no time zone enters until a session is shown. */

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const dayText = (ms) => new Date(ms).toISOString().slice(0, 10);

/** Milliseconds of a date at midnight UTC, or NaN when it is not a real date. */
function dayMs(text) {
  const match = DATE.exec(text ?? "");
  if (!match) return Number.NaN;
  const [year, month, day] = match.slice(1).map(Number);
  const ms = Date.UTC(year, month - 1, day);
  return new Date(ms).getUTCDate() === day ? ms : Number.NaN;
}

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

/** A date `days` after another. */
export const addDays = (text, days) => dayText(dayMs(text) + days * DAY_MS);

/** The seven dates of the week that starts on monday. */
export const weekDays = (monday) => Array.from({ length: 7 }, (_, n) => addDays(monday, n));

/** "Monday 4 January" style parts of a date, in the viewer's language: {weekday, short, long}. */
export function dayLabels(text) {
  const date = new Date(`${text}T00:00:00Z`);
  const read = (options) => date.toLocaleDateString(undefined, { timeZone: "UTC", ...options });
  return { weekday: read({ weekday: "long" }), short: read({ day: "numeric", month: "short" }), long: read({ weekday: "long", day: "numeric", month: "long", year: "numeric" }) };
}
