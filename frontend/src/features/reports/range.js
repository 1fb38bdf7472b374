/** The days a report covers and how it splits them, as the page's address holds them (?report=&from=&to=&by=
 *  &instructor=), and the labels of its periods. Days are plain calendar dates ("2026-10-05"), the studio's. */
import { DAY_MS, dayMs, dayText } from "../../lib/calendar-days.js";
import { localeTag, t } from "../../lib/i18n.js";
import { usableZone, wallClock } from "../../lib/time-zones.js";

export const REPORTS = ["revenue", "attendance", "clients", "pay"];
/** The reports' names and the periods' (their messages' keys). */
export const REPORT_NAMES = { revenue: "reports:names.revenue", attendance: "reports:names.attendance", clients: "reports:names.clients", pay: "reports:names.pay" };
export const BY = ["day", "week", "month"];
export const BY_NAMES = { day: "reports:by.day", week: "reports:by.week", month: "reports:by.month" };
/** As the API: the last 30 days, today included, when the query names none. */
export const DEFAULT_DAYS = 30;

/** Today on the studio's calendar (its zone; else the viewer's), as "2026-10-30". */
export function todayIn(timeZone, now = Date.now()) {
  const { year, month, day } = wallClock(now, usableZone(timeZone));
  return dayText(Date.UTC(year, month - 1, day));
}

/** The API's default span: {from, to} ending today in the zone. */
export function defaultRange(timeZone, now = Date.now()) {
  const to = todayIn(timeZone, now);
  return { from: dayText(dayMs(to) - (DEFAULT_DAYS - 1) * DAY_MS), to };
}

/** The page's range from its address: {from, to, by, instructor}, the defaults for what it leaves out. */
export function rangeOf(params, defaults) {
  const by = params.get("by");
  return {
    from: params.get("from") || defaults.from,
    to: params.get("to") || defaults.to,
    by: BY.includes(by) ? by : "day",
    instructor: params.get("instructor") || "",
  };
}

/** The report shown: the one the address names when the member may see it, else the first they may. */
export function reportOf(params, allowed) {
  const name = params.get("report");
  return allowed.includes(name) ? name : allowed[0];
}

/** The API query for a report: pay has no periods but may be one instructor's. */
export function reportQuery(name, { from, to, by, instructor }) {
  if (name === "pay") return instructor ? { from, to, instructor } : { from, to };
  return { from, to, by };
}

/** How many days a span of the report covers, both ends included (null when the dates are not real). */
export function spanDays(from, to) {
  const days = (dayMs(to) - dayMs(from)) / DAY_MS + 1;
  return Number.isFinite(days) ? days : null;
}

const formatters = new Map();

/** A date format in the app's language (one per language and options). */
function dateFormat(options) {
  const tag = localeTag();
  const key = `${tag}|${JSON.stringify(options)}`;
  if (!formatters.has(key)) formatters.set(key, new Intl.DateTimeFormat(tag, { ...options, timeZone: "UTC" }));
  return formatters.get(key);
}

function dateText(day, options) {
  const ms = dayMs(day);
  return Number.isNaN(ms) ? String(day ?? "") : dateFormat(options).format(ms);
}

/** A day in full: "Mon, 5 Oct 2026". */
export const dayLabel = (day) => dateText(day, { weekday: "short", day: "numeric", month: "short", year: "numeric" });

/** A period by its first day, in full (tables): "Mon, 5 Oct 2026", "Week of 5 Oct 2026", "October 2026". */
export function periodLabel(start, by) {
  if (by === "month") return dateText(start, { month: "long", year: "numeric" });
  if (by === "week") return t("reports:weekOf", { day: dateText(start, { day: "numeric", month: "short", year: "numeric" }) });
  return dayLabel(start);
}

/** A period, short (a chart's axis): "5 Oct", "Oct 2026". */
export const periodTick = (start, by) => (by === "month" ? dateText(start, { month: "short", year: "numeric" }) : dateText(start, { day: "numeric", month: "short" }));

/** A cohort's month ("2026-09-01"): "September 2026". */
export const monthLabel = (month) => dateText(month, { month: "long", year: "numeric" });

const A_MONDAY = Date.UTC(2024, 0, 1);

/** A weekday as the API numbers them (0 is Monday) in the app's language: "Monday"; one out of range as it is. */
export function weekdayName(weekday) {
  if (!Number.isInteger(weekday) || weekday < 0 || weekday > 6) return String(weekday);
  return dateFormat({ weekday: "long" }).format(A_MONDAY + weekday * DAY_MS);
}

/** An hour of the day (0-23) as "07:00". */
export const hourLabel = (hour) => `${String(hour).padStart(2, "0")}:00`;
