/** The studio's WhatsApp in words: a client's window, why an answer was refused, and the months the usage shows. */
import { formatDateTime } from "../../lib/format.js";
import { localeTag, t } from "../../lib/i18n.js";
import { wallClock } from "../../lib/time-zones.js";

/** "stopped" (the number sent STOP), "open" (an answer may go until window_closes_at) or "closed". */
export function windowState(state) {
  if (state?.stopped) return "stopped";
  return state?.window_open && state?.window_closes_at ? "open" : "closed";
}

/** The window in a sentence, the time on the studio's clock (timeZone). */
export function windowText(state, name, timeZone) {
  const which = windowState(state);
  if (which === "stopped") return t("whatsapp:window.stopped", { name });
  if (which === "open") return t("whatsapp:window.open", { when: formatDateTime(state.window_closes_at, { timeZone, label: true }) });
  return t("whatsapp:window.closed", { name });
}

// Keys in the whatsapp catalogue, by the main API's code: why nothing was sent.
const REFUSALS = {
  whatsapp_window_closed: "whatsapp:refused.windowClosed",
  whatsapp_stopped: "whatsapp:refused.stopped",
  whatsapp_not_connected: "whatsapp:refused.notConnected",
};

/** A refused answer's error to show: a known code's sentence (naming the client), else the API's own. */
export function answerError(error, name) {
  if (!error) return null;
  if (REFUSALS[error.code]) return { message: t(REFUSALS[error.code], { name }) };
  if (error.status === 404) return { message: t("whatsapp:refused.notClient", { name }) };
  return error;
}

/** "2026-11": the month an instant (milliseconds) falls in on the studio's calendar (timeZone). */
export function monthOf(instant, timeZone) {
  const { year, month } = wallClock(instant, timeZone);
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** "November 2026" (hi: "नवंबर 2026") for "2026-11", in the app's language. */
export function monthName(month) {
  const [year, number] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(localeTag(), { month: "long", year: "numeric", timeZone: "UTC" }).format(Date.UTC(year, number - 1, 1));
}

/** The month before "2026-01": "2025-12". */
export function previousMonth(month) {
  const [year, number] = month.split("-").map(Number);
  return number === 1 ? `${year - 1}-12` : `${year}-${String(number - 1).padStart(2, "0")}`;
}

/** This month and the `count - 1` before it, newest first. */
export function recentMonths(current, count = 12) {
  const months = [current];
  while (months.length < count) months.push(previousMonth(months.at(-1)));
  return months;
}
