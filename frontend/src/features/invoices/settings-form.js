/** The tax settings form: the API's settings as the inputs hold them (text), and back. */

/** The text fields: [name, its label's message key]. */
export const TAX_FIELDS = [
  ["legal_name", "invoices:tax.legalName"],
  ["city", "invoices:tax.city"],
  ["postcode", "invoices:tax.postcode"],
  ["state", "invoices:tax.state"],
  ["state_code", "invoices:tax.stateCode"],
  ["country", "invoices:tax.country"],
  ["tax_id", "invoices:tax.taxId"],
  ["service_code", "invoices:tax.serviceCode"],
  ["invoice_prefix", "invoices:tax.invoicePrefix"],
  ["credit_note_prefix", "invoices:tax.creditNotePrefix"],
];

/** Dated rates → text, one a line: "2025-09-22 5" (the day it takes effect, the rate in percent). */
function ratesText(rates) {
  return (rates ?? []).map((dated) => `${dated.from} ${dated.rate / 100}`).join("\n");
}

/** That text → dated rates in basis points; a line that is not a day and a number goes as it is, for the server to
 *  name. */
function ratesOf(text) {
  return text.split("\n").map((line) => line.trim()).filter(Boolean).map((line) => {
    const [day, percent] = line.split(/\s+/);
    const rate = Number.parseFloat((percent ?? "").replace("%", ""));
    return { from: day, rate: Number.isFinite(rate) ? Math.round(rate * 100) : percent ?? null };
  });
}

/** settings → the form's values: every field text, the address one line per line, the rate in percent. */
export function formValues(settings) {
  const values = Object.fromEntries(TAX_FIELDS.map(([name]) => [name, settings?.[name] ?? ""]));
  return {
    ...values,
    address: (settings?.address_lines ?? []).join("\n"),
    tax_name: settings?.tax_name ?? "",
    tax_rate: settings?.tax_rate ? String(settings.tax_rate / 100) : "",
    tax_rates: ratesText(settings?.tax_rates),
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
    tax_rates: ratesOf(values.tax_rates ?? ""),
    prices_include_tax: values.prices_include_tax,
    financial_year_series: values.financial_year_series,
  };
}
