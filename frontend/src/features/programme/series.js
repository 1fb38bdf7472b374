/** A weekly series as the staff describe it (days of the week, a first day, an end after so many sessions or
 *  on a day) turned into the RFC 5545 rule the API expands, and the dates it makes, for a preview before saving. The
 *  dates are calendar days on the event's clock, so no time zone enters: the server reads the time on that clock. */

import { DAY_MS, dayMs, dayText } from "../../lib/calendar-days.js";

export const MAX_SERIES_SESSIONS = 366;

/** Monday first, as studios print their week; `code` is the rule's BYDAY code, `index` Date#getUTCDay()'s, `short`
 *  and `name` the keys of its names. */
export const WEEKDAYS = [
  { code: "MO", index: 1, short: "programme:weekday.short.MO", name: "programme:weekday.name.MO" },
  { code: "TU", index: 2, short: "programme:weekday.short.TU", name: "programme:weekday.name.TU" },
  { code: "WE", index: 3, short: "programme:weekday.short.WE", name: "programme:weekday.name.WE" },
  { code: "TH", index: 4, short: "programme:weekday.short.TH", name: "programme:weekday.name.TH" },
  { code: "FR", index: 5, short: "programme:weekday.short.FR", name: "programme:weekday.name.FR" },
  { code: "SA", index: 6, short: "programme:weekday.short.SA", name: "programme:weekday.name.SA" },
  { code: "SU", index: 0, short: "programme:weekday.short.SU", name: "programme:weekday.name.SU" },
];

/** "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=12" or "…;UNTIL=20270331T235959" (the last day included, on the event's clock). */
export function weeklyRule({ days, ends, count, until }) {
  const byDay = WEEKDAYS.filter((day) => days.includes(day.code)).map((day) => day.code).join(",");
  const end = ends === "count" ? `COUNT=${Number(count)}` : `UNTIL=${until.replaceAll("-", "")}T235959`;
  return `FREQ=WEEKLY;BYDAY=${byDay};${end}`;
}

/**
 * The dates the series makes, first day included when it is one of the days: {dates, more} where more is true when
 * the rule would make more than MAX_SERIES_SESSIONS (dates then stops there). Empty for a description not complete.
 */
export function seriesDates({ starts_on: startsOn, days, ends, count, until }) {
  const first = dayMs(startsOn);
  const last = ends === "until" ? dayMs(until) : Number.POSITIVE_INFINITY;
  const wanted = ends === "count" ? Number(count) : Number.POSITIVE_INFINITY;
  const indexes = new Set(WEEKDAYS.filter((day) => days.includes(day.code)).map((day) => day.index));
  if (Number.isNaN(first) || Number.isNaN(last) || indexes.size === 0 || !(wanted >= 1)) return { dates: [], more: false };
  const dates = [];
  for (let ms = first; ms <= last && dates.length < wanted; ms += DAY_MS) {
    if (!indexes.has(new Date(ms).getUTCDay())) continue;
    if (dates.length === MAX_SERIES_SESSIONS) return { dates, more: true };
    dates.push(dayText(ms));
  }
  return { dates, more: false };
}

/** The weekday code of a "2027-01-04" date ("MO"), or null: a new series repeats on its first day's weekday. */
export function weekdayOf(text) {
  const ms = dayMs(text);
  return Number.isNaN(ms) ? null : WEEKDAYS.find((day) => day.index === new Date(ms).getUTCDay()).code;
}
