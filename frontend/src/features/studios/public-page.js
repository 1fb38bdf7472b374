/** The public studio page's words: when an event of several sessions runs, a pass's terms, and where it is bought
 *  (a page of an event it covers, where the event's Passes section sells it). */
import { formatMoney, taxNote } from "../../lib/money.js";
import { formatDate } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";

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
  const last = formatDate(sessions.at(-1).starts_at, { timeZone: event.timezone });
  const weekly = gaps.every((days) => days === 7) ? "yes" : "no";
  return { next, text: t("studios:public.run", { weekly, count: sessions.length, last }) };
}

/** A membership's period in words (its message's key); another period reads as its code. */
const PERIODS = { month: "studios:public.terms.monthly", year: "studios:public.terms.yearly" };

/** "5 classes · valid 60 days · ₹3,000", "Unlimited · monthly · ₹9,000 + 18% GST" (its studio adds that tax). */
export function passTerms(pass) {
  const parts = [];
  if (pass.kind === "pack" && pass.credits != null) parts.push(t("studios:public.terms.classes", { count: pass.credits }));
  if (pass.kind === "membership") parts.push(pass.sessions_per_week ? t("studios:public.terms.classesAWeek", { count: pass.sessions_per_week }) : t("studios:public.terms.unlimited"));
  if (pass.period) parts.push(PERIODS[pass.period] ? t(PERIODS[pass.period]) : pass.period);
  if (pass.valid_days) parts.push(t("studios:public.terms.valid", { count: pass.valid_days }));
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
