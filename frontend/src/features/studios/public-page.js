/** The public studio page's words: when an event of several sessions runs, a pass's terms, and where it is bought
 *  (a page of an event it covers, where the event's Passes section sells it). */
import { formatMoney, taxNote } from "../../lib/money.js";
import { formatDate, plural } from "../../lib/format.js";

const DAY = 86_400_000;

/** An event of several sessions as its card says it: the session to show (the next one, else the first) and
 *  "weekly, 12 sessions to Tue, 15 Apr 2031" ("weekly" when each follows the one before by a week, a
 *  cancelled one counted in the rhythm but not in the number); null for an
 *  event of one session, whose own start and end say it. */
export function sessionsRun(event, now = Date.now()) {
  const all = [...(event.sessions ?? [])].sort((a, b) => new Date(a.starts_at) - new Date(b.starts_at));
  const sessions = all.filter((session) => session.status !== "cancelled");
  if (sessions.length < 2) return null;
  const next = sessions.find((session) => new Date(session.starts_at).getTime() > now) ?? sessions[0];
  // A week off (a cancelled session) leaves the class weekly; days are rounded so summer time changes nothing.
  const gaps = all.slice(1).map((session, index) => Math.round((new Date(session.starts_at) - new Date(all[index].starts_at)) / DAY));
  const count = plural(sessions.length, "session");
  const last = formatDate(sessions.at(-1).starts_at, { timeZone: event.timezone });
  return { next, text: `${gaps.every((days) => days === 7) ? "weekly, " : ""}${count} to ${last}` };
}

/** "5 classes · valid 60 days · ₹3,000", "Unlimited · monthly · ₹9,000 + 18% GST" (its studio adds that tax). */
export function passTerms(pass) {
  const parts = [];
  if (pass.kind === "pack" && pass.credits != null) parts.push(plural(pass.credits, "class", "classes"));
  if (pass.kind === "membership") parts.push(pass.sessions_per_week ? `${plural(pass.sessions_per_week, "class", "classes")} a week` : "Unlimited classes");
  if (pass.period) parts.push(pass.period === "month" ? "monthly" : pass.period === "year" ? "yearly" : pass.period);
  if (pass.valid_days) parts.push(`valid ${plural(pass.valid_days, "day")}`);
  const price = formatMoney(pass.price, pass.currency);
  parts.push(pass.price > 0 && pass.tax_added ? `${price} ${taxNote(pass.tax_added)}` : price);
  return parts.join(" · ");
}

/** The upcoming event whose page sells the pass: the first it names, else (a pass for every class of the studio) the
 *  first upcoming one; null when none is coming. */
export function eventSelling(pass, events) {
  const named = pass.event_ids?.length ? events.filter((event) => pass.event_ids.includes(event.id)) : events;
  return named[0] ?? null;
}
