/** A pass as the staff's form holds it, checked before it is sent, and the request it becomes. */
import { t } from "../../lib/i18n.js";
import { toMajorUnitsText } from "../../lib/money.js";
import { checkPrice, DEFAULT_CURRENCY, priceInMinorUnits } from "./form-rules.js";

export const emptyPass = () => ({ name: "", kind: "pack", credits: "10", valid_days: "90", period: "month", sessions_per_week: "", price: "", currency: DEFAULT_CURRENCY, event_ids: [], new_customers_only: false, shareable: false });

const wholeIn = (text, min, max) => /^\d+$/.test(String(text).trim()) && Number(text) >= min && Number(text) <= max;

/** {field: message} for what is wrong. */
export function passErrors(values) {
  const errors = {};
  if (!values.name.trim()) errors.name = t("programme:passForm.nameMissing");
  if (values.kind === "pack") {
    if (!wholeIn(values.credits, 1, 1000)) errors.credits = t("programme:passForm.credits");
    if (!wholeIn(values.valid_days, 1, 3660)) errors.valid_days = t("programme:passForm.validDays");
  } else if (values.sessions_per_week.trim() && !wholeIn(values.sessions_per_week, 1, 50)) {
    errors.sessions_per_week = t("programme:passForm.perWeek");
  }
  const price = checkPrice(values.price, values.currency);
  if (price) errors.price = price;
  return errors;
}

/** The POST body: the terms of its kind only. */
export function passRequest(values) {
  const common = {
    name: values.name.trim(),
    kind: values.kind,
    price: priceInMinorUnits(values.price, values.currency),
    currency: values.currency,
    event_ids: values.event_ids.length ? values.event_ids : null,
    new_customers_only: values.new_customers_only,
    shareable: values.shareable,
  };
  if (values.kind === "pack") return { ...common, credits: Number(values.credits), valid_days: Number(values.valid_days) };
  return { ...common, period: values.period, sessions_per_week: values.sessions_per_week.trim() ? Number(values.sessions_per_week) : null };
}

/** The form's values for a pass on sale (to edit it). */
export function passValues(pass) {
  const text = (value, fallback = "") => (value === null || value === undefined ? fallback : String(value));
  return {
    name: pass.name ?? "",
    kind: pass.kind,
    credits: text(pass.credits, "10"),
    valid_days: text(pass.valid_days, "90"),
    period: pass.period ?? "month",
    sessions_per_week: text(pass.sessions_per_week),
    price: toMajorUnitsText(pass.price ?? 0, pass.currency ?? DEFAULT_CURRENCY),
    currency: pass.currency ?? DEFAULT_CURRENCY,
    event_ids: pass.event_ids ?? [],
    new_customers_only: Boolean(pass.new_customers_only),
    shareable: Boolean(pass.shareable),
  };
}

/** The PATCH body: the fields the form changed (never the kind, which a pass keeps). */
export function passChanges(values, pass) {
  const now = passRequest(values);
  const before = passRequest(passValues(pass));
  const changes = {};
  for (const [field, value] of Object.entries(now)) {
    if (field !== "kind" && JSON.stringify(value) !== JSON.stringify(before[field])) changes[field] = value;
  }
  return changes;
}
