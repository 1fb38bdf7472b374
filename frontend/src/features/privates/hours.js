/** A teacher's hours as the editor keeps them and as the API takes them: weekly stretches (a weekday, 0 Monday, from
 *  starts to ends on the studio's clock) and exceptions (a day off, whole or in part, or extra hours). */

/** "09:00:00" or "09:00" → "09:00", what a time input shows. */
const hhmm = (text) => (text ? text.slice(0, 5) : "");

let counter = 0;
/** A key for a row the editor adds (rows have no id of their own). */
const rowKey = () => `row-${(counter += 1)}`;

/** The API's document → the editor's rows. */
export function hoursToRows(document) {
  return {
    hours: (document?.hours ?? []).map((stretch) => ({ key: rowKey(), weekday: stretch.weekday, starts: hhmm(stretch.starts), ends: hhmm(stretch.ends) })),
    exceptions: (document?.exceptions ?? []).map((one) => ({ key: rowKey(), day: one.day, kind: one.kind, starts: hhmm(one.starts), ends: hhmm(one.ends) })),
  };
}

export const newStretch = (weekday) => ({ key: rowKey(), weekday, starts: "09:00", ends: "17:00" });
export const newException = (day) => ({ key: rowKey(), day, kind: "off", starts: "", ends: "" });

/** Row keys whose times are missing or do not end after they start (a whole day off needs none). */
export function badRows(rows) {
  const bad = new Set();
  for (const row of [...rows.hours, ...rows.exceptions]) {
    const wholeDayOff = row.kind === "off" && !row.starts && !row.ends;
    if (row.kind !== undefined && !row.day) bad.add(row.key);
    if (!wholeDayOff && !(row.starts && row.ends && row.ends > row.starts)) bad.add(row.key);
  }
  return bad;
}

/** The editor's rows → the API's body (PUT .../hours). */
export function rowsToHours(rows) {
  return {
    hours: rows.hours.map(({ weekday, starts, ends }) => ({ weekday, starts, ends })),
    exceptions: rows.exceptions.map(({ day, kind, starts, ends }) => (starts || ends ? { day, kind, starts, ends } : { day, kind })),
  };
}
