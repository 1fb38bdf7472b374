/** What the studio import (a studio export of this platform brought into an empty studio) says: its files in
 *  words, how far it is, and what it wrote. */

export const ZIP_TYPE = "application/zip";

// The export's files in words, in the order a summary lists them; a file a later format adds goes after, by its name.
const FILE_NAMES = {
  clients: "Clients",
  events: "Events",
  sessions: "Sessions",
  bookings: "Bookings",
  passes: "Passes sold",
  payments: "Payments",
  invoices: "Invoices and credit notes",
  series: "Weekly series",
  session_options: "Room options",
  event_questions: "Intake questions",
  booking_guests: "Guests",
  booking_answers: "Answers",
  attendance: "Check-ins",
  feedback: "Feedback",
  instalments: "Instalments",
  pass_products: "Passes on sale",
  pass_product_events: "Events the passes cover",
  pass_ledger: "Pass ledger entries",
  codes: "Discount codes",
  code_uses: "Code uses",
  refunds: "Refunds",
};

const bare = (file) => file.replace(/\.csv$/, "");

/** "Bookings" for bookings (or bookings.csv), "rooms.csv" for a file without a name in words. */
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

/** A finished job's `written` counts as [{file, name, count}], the files it wrote nothing of left out: the known
 *  files first, in their order, then the others by file name. */
export function writtenLines(written = {}) {
  return Object.entries(written ?? {})
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([file, count]) => ({ file, name: fileName(file), count }));
}

/** A failed job's words: the server's, which give the reason and say that nothing it wrote was kept (the import
 *  takes its rows back); the same said here when it gave none. */
export function failureText(job) {
  return (job.failure ?? "").trim() || "The import stopped. Nothing was kept: the studio is as it was before the import.";
}
