/** What the client import page sends and says: the body of a check or an import, and an import's tally in words. */
import { t } from "../../lib/i18n.js";

/** Where a file comes from and what it holds (their messages' keys). */
export const SOURCE_NAMES = { mindbody: "studios:clientImport.sources.mindbody", momence: "studios:clientImport.sources.momence", csv: "studios:clientImport.sources.csv" };
export const KIND_NAMES = { clients: "studios:clientImport.kinds.clients", bookings: "studios:clientImport.kinds.bookings" };
export const MAX_FILE_BYTES = 8 * 1024 * 1024; // CLIENT_IMPORT_MAX_BYTES's default: the server says so too

/** The body for the file's text, what it holds and the choices made: a mapping only once the person changed one
 *  (the server suggests the source's ready one otherwise), the source only once they chose it. */
export function importBody(text, { source, mapping, dayFirst } = {}, kind = "clients") {
  return {
    csv: text,
    ...(kind === "clients" ? {} : { kind }),
    ...(source ? { source } : {}),
    ...(mapping ? { mapping: Object.fromEntries(Object.entries(mapping).filter(([, column]) => column)) } : {}),
    ...(dayFirst === undefined ? {} : { day_first: dayFirst }),
  };
}

/** A check's counts in one sentence. */
export function checkSummary(check) {
  const counts = { ok: check.rows_ok, total: check.rows_total, accounts: check.new_accounts };
  if (check.kind === "bookings") return t("studios:clientImport.summaryBookings", { ...counts, bookings: check.bookings });
  return t("studios:clientImport.summaryClients", { ...counts, passes: check.passes });
}

/** A finished import's tally in one sentence: what it made, and the rows it skipped when there are some. */
export function importTally(job) {
  const parts = [
    t("studios:clientImport.tally.accountsMade", { count: job.accounts_made }),
    job.kind === "bookings"
      ? t("studios:clientImport.tally.clientsFound", { count: job.clients_found })
      : t("studios:clientImport.tally.clientsAdded", { count: job.clients_found }),
    job.kind === "bookings"
      ? t("studios:clientImport.tally.seatsBooked", { count: job.bookings_made })
      : t("studios:clientImport.tally.balancesOpened", { count: job.passes_opened }),
  ];
  if (job.unchanged) parts.push(t("studios:clientImport.tally.importedBefore", { count: job.unchanged }));
  if (job.refused) parts.push(t("studios:clientImport.tally.refused", { count: job.refused }));
  return t("studios:clientImport.tally.sentence", { parts: parts.join(", ") });
}
