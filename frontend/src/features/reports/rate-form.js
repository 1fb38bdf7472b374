/** An instructor's pay rate as the rates form holds it (amounts typed in major units, as a pass's price is), checked
 *  before it is sent, and the PUT body it becomes (amounts in minor units; a bound left blank is null: none). */
import { t } from "../../lib/i18n.js";
import { fractionDigits, parseMajorUnits, toMajorUnitsText } from "../../lib/money.js";

export const emptyRate = () => ({ kind: "flat", amount: "", minimum: "", maximum: "", share_percent: "" });

/** The terms each kind takes besides its kind (the API refuses the others): bounds are a per-head rate's only. */
const TERMS = { flat: ["amount"], per_head: ["amount", "minimum", "maximum"], share: ["share_percent"] };
export const termsOf = (kind) => TERMS[kind] ?? [];

const bound = (amount, currency) => (Number.isFinite(amount) ? toMajorUnitsText(amount, currency) || "0" : "");

/** The form's values for a saved rate (or none). */
export function rateValues(rate, currency) {
  if (!rate) return emptyRate();
  return {
    kind: rate.kind,
    amount: rate.kind === "share" ? "" : bound(rate.amount, currency),
    minimum: bound(rate.minimum, currency),
    maximum: bound(rate.maximum, currency),
    share_percent: Number.isFinite(rate.share_percent) ? String(rate.share_percent) : "",
  };
}

/** A message for an amount typed in major units, or null; blank is allowed only when `optional`. */
function checkAmount(text, currency, { optional = false } = {}) {
  if (!String(text ?? "").trim()) return optional ? null : t("reports:rateForm.errors.amountMissing");
  const { error } = parseMajorUnits(text, currency);
  if (error === "negative") return t("reports:rateForm.errors.negative");
  if (error === "decimals") return t("reports:rateForm.errors.decimals", { digits: fractionDigits(currency), currency });
  if (error) return t("reports:rateForm.errors.notANumber");
  return null;
}

/** A message for a share of net revenue in percent (0 to 100, up to 2 decimals), or null. */
function checkShare(text) {
  const value = String(text ?? "").trim();
  if (!/^\d+(\.\d{1,2})?$/.test(value) || Number(value) > 100) return t("reports:rateForm.errors.share");
  return null;
}

const minor = (text, currency) => (String(text ?? "").trim() ? parseMajorUnits(text, currency).amount : null);

/** {field: message} for what is wrong with the terms of the rate's kind. */
export function rateErrors(values, currency) {
  const errors = {};
  const terms = termsOf(values.kind);
  if (terms.includes("amount")) errors.amount = checkAmount(values.amount, currency);
  if (terms.includes("share_percent")) errors.share_percent = checkShare(values.share_percent);
  if (terms.includes("minimum")) {
    errors.minimum = checkAmount(values.minimum, currency, { optional: true });
    errors.maximum = checkAmount(values.maximum, currency, { optional: true });
  }
  const [low, high] = [minor(values.minimum, currency), minor(values.maximum, currency)];
  if (!errors.minimum && !errors.maximum && low !== null && high !== null && high < low) errors.maximum = t("reports:rateForm.errors.maximumBelowMinimum");
  return Object.fromEntries(Object.entries(errors).filter(([, message]) => message));
}

/** The PUT body: the kind and its terms only, amounts in minor units. */
export function rateRequest(values, currency) {
  const request = { kind: values.kind };
  for (const term of termsOf(values.kind)) {
    if (term === "share_percent") request.share_percent = Number(values.share_percent);
    else request[term] = minor(values[term], currency);
  }
  return request;
}
