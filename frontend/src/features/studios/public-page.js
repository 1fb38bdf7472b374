/** The public studio page's words: a pass's terms, and where it is bought (a page of an event it covers, where the
 *  event's Passes section sells it). */
import { formatMoney } from "../../lib/money.js";
import { plural } from "../../lib/format.js";

/** "5 classes · valid 60 days · ₹3,000", "Unlimited · monthly · ₹9,000". */
export function passTerms(pass) {
  const parts = [];
  if (pass.kind === "pack" && pass.credits != null) parts.push(plural(pass.credits, "class", "classes"));
  if (pass.kind === "membership") parts.push(pass.sessions_per_week ? `${plural(pass.sessions_per_week, "class", "classes")} a week` : "Unlimited classes");
  if (pass.period) parts.push(pass.period === "month" ? "monthly" : pass.period === "year" ? "yearly" : pass.period);
  if (pass.valid_days) parts.push(`valid ${plural(pass.valid_days, "day")}`);
  parts.push(formatMoney(pass.price, pass.currency));
  return parts.join(" · ");
}

/** The upcoming event whose page sells the pass: the first it names, else (a pass for every class of the studio) the
 *  first upcoming one; null when none is coming. */
export function eventSelling(pass, events) {
  const named = pass.event_ids?.length ? events.filter((event) => pass.event_ids.includes(event.id)) : events;
  return named[0] ?? null;
}
