/** What a booking says of its reminder emails (reminders_at: the UTC times they will go, from the API), in words. */
import { formatShortDateTime } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";

/** "a", "a and b", "a, b and c". */
export function listText(items) {
  if (items.length <= 1) return items.join("");
  return t("bookings:reminders.list", { first: items.slice(0, -1).join(", "), last: items.at(-1) });
}

const instant = (iso) => new Date(iso).getTime();

/**
 * The reminder emails to mention on a booking: the times (ISO, soonest first) when some will go; [] for an active
 * booking still ahead with none (reminders off, or too close to the start for any); null when there is nothing to
 * say: a cancelled booking, one under way or over, or an answer without reminders_at.
 */
export function remindersToShow(booking, now = Date.now()) {
  const times = booking?.reminders_at;
  if (!Array.isArray(times) || booking.status !== "active") return null;
  if (times.length > 0) return [...times].sort((a, b) => instant(a) - instant(b));
  return instant(booking.session?.starts_at) > now ? [] : null;
}

/** "Reminders: Tue, 24 Nov, 07:00 IST and Wed, 25 Nov, 05:00 IST": each time on the event's clocks, like the
 *  booking's own time ("Reminder: …" for one). */
export function remindersText(times, timeZone) {
  const texts = times.map((iso) => formatShortDateTime(iso, { timeZone }));
  return t("bookings:reminders.when", { count: texts.length, times: listText(texts) });
}
