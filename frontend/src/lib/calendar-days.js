/** Calendar days as "2027-01-04" text, counted as milliseconds at midnight UTC: plain dates, with no time zone in
 *  them, so a day after a clock change is still one day on. */

export const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds of a date at midnight UTC, or NaN when it is not a real date ("2027-02-30", "", null). */
export function dayMs(text) {
  const match = DATE.exec(text ?? "");
  if (!match) return Number.NaN;
  const [year, month, day] = match.slice(1).map(Number);
  const ms = Date.UTC(year, month - 1, day);
  return new Date(ms).getUTCDate() === day ? ms : Number.NaN;
}

/** The date of a dayMs value. */
export const dayText = (ms) => new Date(ms).toISOString().slice(0, 10);
