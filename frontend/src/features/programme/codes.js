/** A studio's discount code in words, for their Codes page: what it takes off, what for, its uses against its
 *  limits, its dates, and where it stands now. */
import { formatDateTime } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";
import { formatAmount } from "../../lib/money.js";

/** "20% off", "₹500 off". */
export const discountText = (code) => t("programme:codes.off", { discount: code.percent_off != null ? `${code.percent_off}%` : formatAmount(code.amount_off, code.currency) });

const APPLIES = { both: "programme:codes.applies.both", bookings: "programme:codes.applies.bookings", passes: "programme:codes.applies.passes" };

/** "Bookings and passes", "Bookings", "Passes". */
export const appliesText = (code) => (APPLIES[code.applies_to] ? t(APPLIES[code.applies_to]) : code.applies_to);

/** The events a code's bookings are limited to, by title ("Only Morning Vinyasa Flow"), or null: every event (and for a
 *  code only for passes, events don't matter). titles: event id → title. */
export function eventsText(code, titles) {
  if (!code.event_ids || code.applies_to === "passes") return null;
  const names = code.event_ids.map((id) => titles.get(id) ?? t("programme:codes.eventNumber", { id }));
  return t("programme:codes.onlyEvents", { events: names.join(", ") });
}

/** "3 of 50 used", "3 used, no limit"; and "at most 1 per person" when it has that limit. */
export function usesText(code) {
  const values = { uses: code.uses, max: code.max_uses, count: code.max_uses_per_person };
  if (code.max_uses_per_person != null) return code.max_uses != null ? t("programme:codes.usesOfEach", values) : t("programme:codes.usesEach", values);
  return code.max_uses != null ? t("programme:codes.usesOf", values) : t("programme:codes.usesNoLimit", values);
}

/** "Any time", "From …", "Until …", "… to …", on the viewer's clock. */
export function datesText(code) {
  const from = code.valid_from && formatDateTime(code.valid_from, { label: true });
  const until = code.valid_until && formatDateTime(code.valid_until, { label: true });
  if (from && until) return t("programme:codes.dates.between", { from, until });
  if (from) return t("programme:codes.dates.from", { from });
  if (until) return t("programme:codes.dates.until", { until });
  return t("programme:codes.dates.any");
}

/** [label, tone] of a code now: retired, expired, not valid yet, used up, or active. */
export function codeStatus(code, now = Date.now()) {
  if (code.status === "retired") return [t("programme:codes.status.retired"), "cancelled"];
  if (code.valid_until && new Date(code.valid_until).getTime() <= now) return [t("programme:codes.status.expired"), "cancelled"];
  if (code.valid_from && new Date(code.valid_from).getTime() > now) return [t("programme:codes.status.notYet"), "warn"];
  if (code.max_uses != null && code.uses >= code.max_uses) return [t("programme:codes.status.usedUp"), "warn"];
  return [t("programme:codes.status.active"), "active"];
}
