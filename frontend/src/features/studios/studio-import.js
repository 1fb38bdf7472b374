/** What the studio import (a studio export of this platform brought into an empty studio) says: its files in
 *  words, how far it is, and what it wrote. */
import { t } from "../../lib/i18n.js";

export const ZIP_TYPE = "application/zip";

// The export's files in words (their messages' keys), in the order a summary lists them; a file a later format adds goes after, by its name.
const FILE_NAMES = {
  clients: "studios:studioImport.files.clients",
  events: "studios:studioImport.files.events",
  sessions: "studios:studioImport.files.sessions",
  bookings: "studios:studioImport.files.bookings",
  passes: "studios:studioImport.files.passes",
  payments: "studios:studioImport.files.payments",
  invoices: "studios:studioImport.files.invoices",
  series: "studios:studioImport.files.series",
  session_options: "studios:studioImport.files.sessionOptions",
  event_questions: "studios:studioImport.files.eventQuestions",
  booking_guests: "studios:studioImport.files.bookingGuests",
  booking_answers: "studios:studioImport.files.bookingAnswers",
  attendance: "studios:studioImport.files.attendance",
  feedback: "studios:studioImport.files.feedback",
  instalments: "studios:studioImport.files.instalments",
  pass_products: "studios:studioImport.files.passProducts",
  pass_product_events: "studios:studioImport.files.passProductEvents",
  pass_ledger: "studios:studioImport.files.passLedger",
  codes: "studios:studioImport.files.codes",
  code_uses: "studios:studioImport.files.codeUses",
  refunds: "studios:studioImport.files.refunds",
};

const bare = (file) => file.replace(/\.csv$/, "");

/** "Bookings" for bookings (or bookings.csv), "rooms.csv" for a file without a name in words. */
export function fileName(file) {
  return FILE_NAMES[bare(file)] ? t(FILE_NAMES[bare(file)]) : `${bare(file)}.csv`;
}

/** How far the job is, a whole percentage from 0 to 100 (0 while nothing is counted yet). */
export function percentDone(job) {
  if (!job.rows_total) return job.status === "done" ? 100 : 0;
  return Math.min(100, Math.floor((100 * job.rows_done) / job.rows_total));
}

/** "12,000 of 141,501 rows (8%), writing bookings (9 of 20 files written)": the progress bar's words. */
export function progressText(job) {
  const rows = { done: job.rows_done, total: job.rows_total, percent: percentDone(job) };
  if (!job.file) return t("studios:studioImport.progress", rows);
  const files = { file: fileName(job.file).toLowerCase(), filesDone: job.files_done, filesTotal: job.files_total };
  return t("studios:studioImport.progressWriting", { ...rows, ...files });
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
  return (job.failure ?? "").trim() || t("studios:studioImport.stopped");
}
