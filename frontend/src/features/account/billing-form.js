/** The billing details form: the API's details as the inputs hold them (text), and back. */

export const BILLING_FIELDS = [
  ["name", "Business name (as invoices print it)"],
  ["tax_id", "GSTIN or VAT number"],
  ["city", "City"],
  ["postcode", "Postcode"],
  ["state_code", "GST state code (India)"],
  ["country", "Country (two letters, such as IN or DE)"],
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
  const taxId = details.tax_id && `${details.country === "IN" ? "GSTIN" : "Tax id"}: ${details.tax_id}`;
  return [details.name, ...details.address_lines, place, details.country, taxId].filter(Boolean);
}
