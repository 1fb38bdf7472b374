/** What the studio import (a studio export of this platform brought into an empty studio) says: its files in
 *  words, how far it is, and what it wrote. */

export const ZIP_TYPE = "application/zip";

// The files people know by name, in the order a summary lists them; every other file goes after, by its file name.
const FILE_NAMES = {
  clients: "Clients",
  events: "Events",
  sessions: "Sessions",
  bookings: "Bookings",
  passes: "Passes",
  payments: "Payments",
  invoices: "Invoices and credit notes",
};

const bare = (file) => file.replace(/\.csv$/, "");

/** "Bookings" for bookings (or bookings.csv), "session_options.csv" for a file without a name in words. */
export function fileName(file) {
  return FILE_NAMES[bare(file)] ?? `${bare(file)}.csv`;
}

/** How far the job is, a whole percentage from 0 to 100 (0 while nothing is counted yet). */
export function percentDone(job) {
  if (!job.rows_total) return job.status === "done" ? 100 : 0;
  return Math.min(100, Math.floor((100 * job.rows_done) / job.rows_total));
}

/** "12,000 of 141,501 rows (8%), writing bookings (9 of 20 files written)": the progress bar's words. */
export function progressText(job) {
  const rows = `${job.rows_done.toLocaleString()} of ${job.rows_total.toLocaleString()} rows (${percentDone(job)}%)`;
  if (!job.file) return rows;
  return `${rows}, writing ${fileName(job.file).toLowerCase()} (${job.files_done} of ${job.files_total} files written)`;
}

const KNOWN = Object.keys(FILE_NAMES);
const rank = (file) => (KNOWN.includes(bare(file)) ? KNOWN.indexOf(bare(file)) : KNOWN.length);

/** A finished job's `written` counts as [{file, name, count}]: the known files first, in their order, then the
 *  others by file name. */
export function writtenLines(written = {}) {
  return Object.entries(written ?? {})
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([file, count]) => ({ file, name: fileName(file), count }));
}

/** A failed job's words: its reason, and that nothing it wrote was kept (the import takes its rows back). */
export function failureText(job) {
  const reason = (job.failure ?? "").trim() || "The import stopped.";
  return `${reason}${/[.!?]$/.test(reason) ? "" : "."} Nothing was kept: the studio is as it was before the import.`;
}
