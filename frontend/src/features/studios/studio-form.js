/** The new-studio form: its first values (the browser's zone, country and that country's currency), the client's
 *  checks, and the request it sends (POST /api/studios). */
import { localeTag, t } from "../../lib/i18n.js";
import { CURRENCIES } from "../../lib/money.js";
import { browserZone } from "../../lib/time-zones.js";

export const STUDIO_FIELDS = ["name", "slug", "timezone", "currency", "country", "contact_email", "contact_phone"];

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const EURO = ["AT", "BE", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PT", "SI", "SK"];
const CURRENCY_OF = { IN: "INR", US: "USD", GB: "GBP", AU: "AUD", CA: "CAD", SG: "SGD", JP: "JPY", ...Object.fromEntries(EURO.map((c) => [c, "EUR"])) };

/** The country of the browser's language ("en-IN" → "IN"), or "". */
export function browserCountry(language = globalThis.navigator?.language) {
  try {
    return new Intl.Locale(language).maximize().region ?? "";
  } catch {
    return "";
  }
}

/** "India" for "IN" in the viewer's language; "" for what is not a country code. */
export function countryName(code) {
  if (!/^[A-Z]{2}$/.test(code)) return "";
  try {
    const name = new Intl.DisplayNames(localeTag(), { type: "region" }).of(code);
    return name && name !== code ? name : "";
  } catch {
    return "";
  }
}

export function emptyStudio(language) {
  const country = browserCountry(language);
  return { name: "", slug: "", timezone: browserZone(), currency: CURRENCY_OF[country] ?? CURRENCIES[0], country, contact_email: "", contact_phone: "" };
}

export function studioErrors(values) {
  const errors = {};
  if (!values.name.trim()) errors.name = t("studios:create.errors.name");
  const slug = values.slug.trim();
  if (slug && (!SLUG.test(slug) || slug.includes("--"))) errors.slug = t("studios:create.errors.slug");
  if (!values.timezone) errors.timezone = t("studios:create.errors.timezone");
  if (!/^[A-Za-z]{2}$/.test(values.country.trim())) errors.country = t("studios:create.errors.country");
  const email = values.contact_email.trim();
  if (email && !EMAIL.test(email)) errors.contact_email = t("studios:create.errors.email");
  return errors;
}

/** The body of POST /api/studios: the optional fields only when filled in. */
export function studioRequest(values) {
  const body = { name: values.name.trim(), timezone: values.timezone, currency: values.currency, country: values.country.trim().toUpperCase() };
  for (const field of ["slug", "contact_email", "contact_phone"]) {
    const value = values[field].trim();
    if (value) body[field] = value;
  }
  return body;
}
