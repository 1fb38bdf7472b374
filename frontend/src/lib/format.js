/**
 * Dates and counts as people read them, in the app's language (its locale tag: hi-IN, mr-IN; an English reader keeps
 * their browser's en-*).
 *
 * Times of events (their sessions, the bookings of those) read in the EVENT's zone with its short name, and in the
 * viewer's own zone beside them when that reads differently: "Wed, 25 Nov 2026, 07:00 – 08:00 IST" and
 * "02:30 – 03:30 your time, CET". Other times (the inbox, deliveries, when someone booked) read in the viewer's zone.
 * Every function takes {viewerZone} (default: the browser's zone), so what it says does not depend on the machine.
 */
import { localeTag, t } from "./i18n.js";
import { browserZone, instantOf, parseWallTime, usableZone, wallClock, wallTimeText, zoneAbbreviation } from "./time-zones.js";

export { browserZone, zoneAbbreviation } from "./time-zones.js";

const STYLES = {
  dateTime: { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" },
  shortDateTime: { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" },
  date: { weekday: "short", day: "numeric", month: "short", year: "numeric" },
  time: { hour: "2-digit", minute: "2-digit" },
  clock: { hour: "2-digit", minute: "2-digit", second: "2-digit" },
};

const formatters = new Map();

/** One formatter per locale and options: making them is the slow part. */
function cached(key, make) {
  if (!formatters.has(key)) formatters.set(key, make());
  return formatters.get(key);
}

function format(style, instant, zone) {
  const tag = localeTag();
  return cached(`${tag}|${style}|${zone}`, () => new Intl.DateTimeFormat(tag, { ...STYLES[style], timeZone: zone })).format(instant);
}

/** "1,234" (hi: "1,00,000"): a count as the language writes it. */
export function formatNumber(value) {
  const tag = localeTag();
  return Number.isFinite(value) ? cached(`${tag}|number`, () => new Intl.NumberFormat(tag)).format(value) : "";
}

const DAY_STYLES = {
  weekday: { weekday: "long" },
  short: { day: "numeric", month: "short" },
  chip: { weekday: "short", day: "numeric", month: "short" },
  long: { weekday: "long", day: "numeric", month: "long", year: "numeric" },
  date: { day: "numeric", month: "long", year: "numeric" },
};

/** A calendar day ("2027-01-04", a plain date: read in no zone) as the language writes it: "Monday" (weekday),
 *  "4 Jan" (short), "Mon, 4 Jan" (chip), "Monday, 4 January 2027" (long), "4 January 2027" (date: a birthday). */
export function formatCalendarDay(text, style) {
  const tag = localeTag();
  const formatter = cached(`${tag}|day-${style}`, () => new Intl.DateTimeFormat(tag, { ...DAY_STYLES[style], timeZone: "UTC" }));
  return formatter.format(new Date(`${text}T00:00:00Z`));
}

const instantOfIso = (iso) => new Date(iso).getTime();

/** The calendar day an instant falls on in a zone, as "2026-11-25". */
function dayIn(instant, zone) {
  const { year, month, day } = wallClock(instant, zone);
  return `${year}-${month}-${day}`;
}

/** The zone to read in: options.timeZone when known, else the viewer's. */
const zoneOf = ({ timeZone, viewerZone } = {}) => usableZone(timeZone ?? viewerZone, viewerZone);

/** "Wed, 25 Nov 2026, 07:00" in the viewer's zone, or options.timeZone; `label: true` adds the zone's short name ("… CET"). */
export function formatDateTime(iso, options = {}) {
  if (!iso) return "";
  const zone = zoneOf(options);
  const instant = instantOfIso(iso);
  const text = format("dateTime", instant, zone);
  return options.label ? `${text} ${zoneAbbreviation(zone, instant)}` : text;
}

/** "Tue, 24 Nov, 07:00 IST": a time within days of now (a reminder's), without the year, in options.timeZone (else the
 *  viewer's) with the zone's short name. */
export function formatShortDateTime(iso, options = {}) {
  if (!iso) return "";
  const zone = zoneOf(options);
  const instant = instantOfIso(iso);
  return `${format("shortDateTime", instant, zone)} ${zoneAbbreviation(zone, instant)}`;
}

/** "Wed, 25 Nov 2026" in the viewer's zone, or options.timeZone. */
export function formatDate(iso, options = {}) {
  return iso ? format("date", instantOfIso(iso), zoneOf(options)) : "";
}

/** "14:05:09": the time of an instant (a Date's, or milliseconds) to the second, in the viewer's zone. */
export function formatClock(instant, options = {}) {
  return format("clock", new Date(instant).getTime(), zoneOf(options));
}

/** True when two instants fall on the same calendar day in the zone (options as formatDate's). */
export function sameDay(startIso, endIso, options = {}) {
  const zone = zoneOf(options);
  return dayIn(instantOfIso(startIso), zone) === dayIn(instantOfIso(endIso), zone);
}

/**
 * "Sat, 5 Dec 2026, 09:00 – 12:00", or both full dates when the range spans days, in the viewer's zone or
 * options.timeZone; `label: true` adds the zone's short name (at each end when a clock change falls between them).
 */
export function formatRange(startIso, endIso, options = {}) {
  if (!startIso) return "";
  if (!endIso) return formatDateTime(startIso, options);
  const zone = zoneOf(options);
  const start = instantOfIso(startIso);
  const end = instantOfIso(endIso);
  const oneDay = dayIn(start, zone) === dayIn(end, zone);
  const from = format("dateTime", start, zone);
  const to = format(oneDay ? "time" : "dateTime", end, zone);
  if (!options.label) return `${from} – ${to}`;
  const [startName, endName] = [zoneAbbreviation(zone, start), zoneAbbreviation(zone, end)];
  return startName === endName ? `${from} – ${to} ${endName}` : `${from} ${startName} – ${to} ${endName}`;
}

/**
 * An event's time range, for showing: {text, viewerText}. text reads in the event's zone with its short name
 * ("Wed, 25 Nov 2026, 07:00 – 08:00 IST"); viewerText in the viewer's ("02:30 – 03:30 your time, CET", the date
 * too when it is another day there), or null when the viewer's clock reads the same. An event without a (known)
 * zone reads in the viewer's, labelled.
 */
export function eventTimes(startIso, endIso, timeZone, { viewerZone = browserZone() } = {}) {
  if (!startIso) return { text: "", viewerText: null };
  const eventZone = usableZone(timeZone, viewerZone);
  const mine = usableZone(viewerZone);
  const text = formatRange(startIso, endIso, { timeZone: eventZone, label: true });
  if (formatRange(startIso, endIso, { timeZone: mine }) === formatRange(startIso, endIso, { timeZone: eventZone })) return { text, viewerText: null };

  const start = instantOfIso(startIso);
  const end = endIso ? instantOfIso(endIso) : null;
  // Times alone when all of it falls on the day the event's text names; dates as soon as another day comes in.
  const oneDay = end === null || dayIn(end, mine) === dayIn(start, mine);
  const timesOnly = oneDay && dayIn(start, mine) === dayIn(start, eventZone);
  let viewer = format(timesOnly ? "time" : "dateTime", start, mine);
  if (end !== null) viewer += ` – ${format(oneDay ? "time" : "dateTime", end, mine)}`;
  const [startName, endName] = [zoneAbbreviation(mine, start), zoneAbbreviation(mine, end ?? start)];
  const names = startName === endName ? startName : `${startName} – ${endName}`;
  return { text, viewerText: t("common:format.yourTime", { times: viewer, zone: names }) };
}

/** eventTimes as one line: "Wed, 25 Nov 2026, 07:00 – 08:00 IST (02:30 – 03:30 your time, CET)". */
export function formatEventRange(startIso, endIso, timeZone, options = {}) {
  const { text, viewerText } = eventTimes(startIso, endIso, timeZone, options);
  return viewerText ? `${text} (${viewerText})` : text;
}

/** "Europe/Berlin, CET" (the short name at `instant`), or just "UTC" when the name is the zone. */
export function zoneLabel(timeZone, instant = Date.now()) {
  if (!timeZone) return "";
  const name = zoneAbbreviation(timeZone, instant);
  return name === timeZone ? timeZone : `${timeZone}, ${name}`;
}

const RELATIVE_STEPS = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 7],
];

/** "5 minutes ago", up to a week back; after that the date and time in the viewer's zone. */
export function timeAgo(iso, now = Date.now()) {
  if (!iso) return "";
  let amount = (new Date(iso).getTime() - now) / 1000;
  if (Math.abs(amount) < 45) return t("common:format.justNow");
  const tag = localeTag();
  const relative = cached(`${tag}|relative`, () => new Intl.RelativeTimeFormat(tag, { numeric: "auto" }));
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(amount) < size) return relative.format(Math.round(amount), unit);
    amount /= size;
  }
  return formatDateTime(iso);
}

/** "3 classes": English words only (the caller gives them). Kept for code not yet moved to the catalogues, which say
 *  counts with ICU plurals instead ({count, plural, one {# class} other {# classes}}).
 *  @deprecated */
export function plural(count, one, many = `${one}s`) {
  return `${formatNumber(count)} ${count === 1 ? one : many}`;
}

/** Value for <input type="datetime-local"> from an ISO time: how it reads on the clocks of `timeZone` (default: the viewer's). */
export function toZonedInput(iso, timeZone = browserZone()) {
  if (!iso) return "";
  const instant = instantOfIso(iso);
  if (Number.isNaN(instant)) return "";
  return wallTimeText(wallClock(instant, usableZone(timeZone)));
}

/** The UTC ISO time ("2026-03-23T08:00:00.000Z") of a datetime-local value read on the clocks of `timeZone`; null when empty or not a time. */
export function fromZonedInput(value, timeZone = browserZone()) {
  const wall = parseWallTime(value);
  return wall ? new Date(instantOf(wall, usableZone(timeZone))).toISOString() : null;
}
