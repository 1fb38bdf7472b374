/** What the client import page sends and says: the body of a check or an import, and an import's tally in words. */

export const SOURCE_NAMES = { mindbody: "Mindbody", momence: "Momence", csv: "another system (mapped by hand)" };
export const KIND_NAMES = { clients: "Clients and their passes", bookings: "Upcoming bookings (a row per client and class)" };
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

const plural = (count, one, many = `${one}s`) => `${count.toLocaleString()} ${count === 1 ? one : many}`;

/** A check's counts in one sentence. */
export function checkSummary(check) {
  const passing = `${plural(check.rows_ok, "row")} of ${check.rows_total.toLocaleString()} can be imported`;
  const brings = check.kind === "bookings" ? plural(check.bookings, "booking") : plural(check.passes, "pass balance");
  return `${passing}: ${plural(check.new_accounts, "new account")}, ${brings}.`;
}

/** A finished import's tally in one sentence. */
export function importTally(job) {
  const parts = [
    plural(job.accounts_made, "account made", "accounts made"),
    job.kind === "bookings"
      ? plural(job.clients_found, "client found", "clients found")
      : plural(job.clients_found, "existing client added", "existing clients added"),
    job.kind === "bookings"
      ? plural(job.bookings_made, "seat booked", "seats booked")
      : plural(job.passes_opened, "pass balance opened", "pass balances opened"),
  ];
  if (job.unchanged) parts.push(plural(job.unchanged, "row imported before", "rows imported before"));
  if (job.refused) parts.push(plural(job.refused, "row refused", "rows refused"));
  return `${parts.join(", ")}.`;
}
