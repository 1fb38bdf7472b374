/** The billing details form: the API's details as the inputs hold them (text), and back. */
import { t } from "../../lib/i18n.js";

/** [field, its label's key] */
export const BILLING_FIELDS = [
  ["name", "account:billing.field.name"],
  ["tax_id", "account:billing.field.taxId"],
  ["city", "account:billing.field.city"],
  ["postcode", "account:billing.field.postcode"],
  ["state_code", "account:billing.field.stateCode"],
  ["country", "account:billing.field.country"],
];

/** details (or null) → the form's values: every field text, the address one line per line. */
export function billingValues(details) {
  const values = Object.fromEntries(BILLING_FIELDS.map(([name]) => [name, details?.[name] ?? ""]));
  return { ...values, address: (details?.address_lines ?? []).join("\n") };
}

/** The form's values → the PUT body: empty text is null; a tax id and country as printed (capitals, no spaces). */
export function billingBody(values) {
  const body = Object.fromEntries(BILLING_FIELDS.map(([name]) => [name, values[name].trim() || null]));
  const squeezed = (text) => (text ? text.replace(/\s+/g, "").toUpperCase() : null);
  return {
    ...body,
    name: values.name.trim(),
    tax_id: squeezed(body.tax_id),
    country: squeezed(body.country),
    address_lines: values.address.split("\n").map((line) => line.trim()).filter(Boolean),
  };
}

/** The saved details as lines to read back: the name, the address, the tax id (India's named GSTIN). */
export function billingLines(details) {
  const place = [details.city, details.postcode].filter(Boolean).join(" ");
  const taxId = details.tax_id && t("account:billing.taxIdLine", { kind: details.country === "IN" ? "gstin" : "other", id: details.tax_id });
  return [details.name, ...details.address_lines, place, details.country, taxId].filter(Boolean);
}
