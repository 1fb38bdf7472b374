/** A studio's discount code in words, for their Codes page: what it takes off, what for, its uses against its
 *  limits, its dates, and where it stands now. */
import { formatDateTime, plural } from "../../lib/format.js";
import { formatAmount } from "../../lib/money.js";

/** "20% off", "₹500 off". */
export const discountText = (code) => (code.percent_off != null ? `${code.percent_off}% off` : `${formatAmount(code.amount_off, code.currency)} off`);

const APPLIES = { both: "Bookings and passes", bookings: "Bookings", passes: "Passes" };

/** "Bookings and passes", "Bookings", "Passes". */
export const appliesText = (code) => APPLIES[code.applies_to] ?? code.applies_to;

/** The events a code's bookings are limited to, by title ("Only Morning Vinyasa Flow"), or null: every event (and for a
 *  code only for passes, events don't matter). titles: event id → title. */
export function eventsText(code, titles) {
  if (!code.event_ids || code.applies_to === "passes") return null;
  return `Only ${code.event_ids.map((id) => titles.get(id) ?? `event ${id}`).join(", ")}`;
}

/** "3 of 50 used", "3 used, no limit"; and "at most 1 per person" when it has that limit. */
export function usesText(code) {
  const used = code.max_uses != null ? `${code.uses} of ${code.max_uses} used` : `${code.uses} used, no limit`;
  return code.max_uses_per_person != null ? `${used}; at most ${plural(code.max_uses_per_person, "use")} per person` : used;
}

/** "Any time", "From …", "Until …", "… to …", on the viewer's clock. */
export function datesText(code) {
  const from = code.valid_from && formatDateTime(code.valid_from, { label: true });
  const until = code.valid_until && formatDateTime(code.valid_until, { label: true });
  if (from && until) return `${from} to ${until}`;
  if (from) return `From ${from}`;
  if (until) return `Until ${until}`;
  return "Any time";
}

/** [label, tone] of a code now: retired, expired, not valid yet, used up, or active. */
export function codeStatus(code, now = Date.now()) {
  if (code.status === "retired") return ["Retired", "cancelled"];
  if (code.valid_until && new Date(code.valid_until).getTime() <= now) return ["Expired", "cancelled"];
  if (code.valid_from && new Date(code.valid_from).getTime() > now) return ["Not valid yet", "warn"];
  if (code.max_uses != null && code.uses >= code.max_uses) return ["Used up", "warn"];
  return ["Active", "active"];
}
