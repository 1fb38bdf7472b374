/** The tax settings form: the API's settings as the inputs hold them (text), and back. */

export const TAX_FIELDS = [
  ["legal_name", "Legal name"],
  ["city", "City"],
  ["postcode", "Postcode"],
  ["state", "State"],
  ["state_code", "GST state code"],
  ["country", "Country (two letters)"],
  ["tax_id", "GSTIN or VAT number"],
  ["service_code", "Service code (SAC)"],
  ["invoice_prefix", "Invoice prefix"],
  ["credit_note_prefix", "Credit note prefix"],
];

/** settings → the form's values: every field text, the address one line per line, the rate in percent. */
export function formValues(settings) {
  const values = Object.fromEntries(TAX_FIELDS.map(([name]) => [name, settings?.[name] ?? ""]));
  return {
    ...values,
    address: (settings?.address_lines ?? []).join("\n"),
    tax_name: settings?.tax_name ?? "",
    tax_rate: settings?.tax_rate ? String(settings.tax_rate / 100) : "",
    prices_include_tax: settings?.prices_include_tax ?? true,
    financial_year_series: settings?.financial_year_series ?? false,
  };
}

/** The form's values → the PUT body: empty text is null, the rate in basis points (18 → 1800). */
export function settingsBody(values) {
  const body = Object.fromEntries(TAX_FIELDS.map(([name]) => [name, values[name].trim() || null]));
  body.invoice_prefix ??= "INV-";
  body.credit_note_prefix ??= "CN-";
  const rate = Number.parseFloat(values.tax_rate || "0");
  return {
    ...body,
    address_lines: values.address.split("\n").map((line) => line.trim()).filter(Boolean),
    tax_name: values.tax_name || null,
    tax_rate: Number.isFinite(rate) ? Math.round(rate * 100) : values.tax_rate,
    prices_include_tax: values.prices_include_tax,
    financial_year_series: values.financial_year_series,
  };
}
