/** The staff board as the page lays it out: day by day on the studio's clock, a column per teacher, each with its
 *  privates and the classes its teacher gives, in time order. */
import { dayMs, dayText, DAY_MS } from "../../lib/calendar-days.js";
import { wallClock } from "../../lib/time-zones.js";

/** "2026-12-03" moved by `count` days (a plain date: no clock change can make it skip or repeat one). */
export const shiftDay = (day, count) => dayText(dayMs(day) + count * DAY_MS);

/** The board's days: `days` dates from `from`. */
export const boardDays = (from, days) => Array.from({ length: days }, (_, index) => shiftDay(from, index));

/** "2026-11-25": the calendar day an instant falls on in a zone. */
export function dayIn(iso, timeZone) {
  const { year, month, day } = wallClock(new Date(iso).getTime(), timeZone);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** What one column shows: privates ({kind: "private", ...}) and classes ({kind: "class", ...}), by start. */
function entries(board) {
  const privates = board.appointments.map((item) => ({ ...item, kind: "private", key: `p${item.id}` }));
  const classes = board.classes.map((item) => ({ ...item, kind: "class", key: `c${item.session_id}` }));
  return [...privates, ...classes].sort((a, b) => new Date(a.starts_at) - new Date(b.starts_at));
}

/** [{day, columns: [{teacher, entries}]}] for every day of the board and every teacher on it (an empty column says
 *  the teacher is free that day, which is what the desk looks for). */
export function boardGrid(board) {
  const cells = new Map();
  for (const entry of entries(board)) {
    const key = `${dayIn(entry.starts_at, board.timezone)}|${entry.teacher_id}`;
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key).push(entry);
  }
  return boardDays(board.from, board.days).map((day) => ({
    day,
    columns: board.teachers.map((teacher) => ({ teacher, entries: cells.get(`${day}|${teacher.id}`) ?? [] })),
  }));
}

/** How many privates the board holds (the page's summary line). */
export const privatesCount = (board) => board.appointments.length;
