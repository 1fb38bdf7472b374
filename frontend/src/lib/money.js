/**
 * Money as the API sends it: an integer in the currency's minor units (paise, cents; yen have none) and an ISO 4217
 * code. Shown in the app language's locale (localeTag: hi-IN writes "₹1,00,000") with the currency's own number of
 * fraction digits, whole amounts without them: "₹45,000", "₹45,000.50", "¥1,500"; "Free" (in the language) for 0. A code the browser doesn't know reads "1,234.56 XYZ" (2 digits,
 * ISO's default); nothing here throws.
 */

import { localeTag, t } from "./i18n.js";

/** The currencies the app offers in its forms (a session's price, a studio's currency), the default first. */
export const CURRENCIES = ["INR", "USD", "EUR", "GBP", "AUD", "CAD", "SGD", "JPY"];

/** The codes the browser knows (null when it can't say, then any well-formed code is taken as known). */
function knownCodes() {
  try {
    return new Set(Intl.supportedValuesOf("currency"));
  } catch {
    return null;
  }
}

const KNOWN = knownCodes();
const formatters = new Map();

function cached(key, make) {
  if (!formatters.has(key)) formatters.set(key, make());
  return formatters.get(key);
}

/** The upper-case code when the browser can format it as a currency, else null. */
function knownCurrency(currency) {
  const code = typeof currency === "string" ? currency.trim().toUpperCase() : "";
  if (!/^[A-Z]{3}$/.test(code) || (KNOWN && !KNOWN.has(code))) return null;
  return code;
}

/** How many digits the currency's minor unit has: 2 for INR, USD, EUR; 0 for JPY; 2 for a code the browser doesn't know. */
export function fractionDigits(currency) {
  const code = knownCurrency(currency);
  if (!code) return 2;
  return cached(`digits|${code}`, () => new Intl.NumberFormat("en", { style: "currency", currency: code })).resolvedOptions().maximumFractionDigits;
}

/** "₹45,000", "₹45,000.50", "₹0": an amount in minor units, never "Free" (a total, a refund); "" when not a number.
 *  options.locale: the locale (default: the app language's, localeTag()). */
export function formatAmount(amount, currency, { locale = localeTag() } = {}) {
  if (!Number.isFinite(amount)) return "";
  const digits = fractionDigits(currency);
  const major = amount / 10 ** digits;
  const shown = Number.isInteger(major) ? 0 : digits;
  const code = knownCurrency(currency);
  if (!code) {
    const number = cached(`number|${locale}|${shown}`, () => new Intl.NumberFormat(locale, { minimumFractionDigits: shown, maximumFractionDigits: shown }));
    const label = typeof currency === "string" && currency.trim() ? currency.trim().toUpperCase() : "";
    return label ? `${number.format(major)} ${label}` : number.format(major);
  }
  const style = { style: "currency", currency: code, minimumFractionDigits: shown, maximumFractionDigits: shown };
  return cached(`money|${locale}|${code}|${shown}`, () => new Intl.NumberFormat(locale, style)).format(major);
}

/** A price: "Free" for 0, else formatAmount's text ("₹800", "₹45,000.50"). */
export function formatMoney(amount, currency, options) {
  return amount === 0 ? t("common:money.free") : formatAmount(amount, currency, options);
}

export const isPaid = (item) => Number.isFinite(item?.price) && item.price > 0;

/**
 * A price typed in major units ("800", "45000.50", " 12.5 ") as minor units: {amount} (0 for blank), or {error}:
 * "format" (not a plain number: a minus sign, letters, a comma), "decimals" (more digits after the point than
 * the currency has). No floating point: "0.29" is 29 paise, not 28.999….
 */
export function parseMajorUnits(text, currency) {
  const value = String(text ?? "").trim();
  if (value === "") return { amount: 0 };
  const match = /^(\d*)(?:\.(\d*))?$/.exec(value);
  if (!match || (match[1] === "" && !match[2])) return { error: value.startsWith("-") ? "negative" : "format" };
  const digits = fractionDigits(currency);
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (fraction.length > digits) return { error: "decimals" };
  const whole = match[1].replace(/^0+(?=\d)/, "") || "0";
  return { amount: Number(`${whole}${fraction.padEnd(digits, "0")}`) };
}

/** Minor units as the text a price field starts with: "800", "45000.50", "" for free. */
export function toMajorUnitsText(amount, currency) {
  if (!Number.isFinite(amount) || amount <= 0) return "";
  const digits = fractionDigits(currency);
  const text = String(Math.trunc(amount)).padStart(digits + 1, "0");
  if (digits === 0) return text;
  const whole = text.slice(0, -digits);
  const fraction = text.slice(-digits);
  return /^0+$/.test(fraction) ? whole : `${whole}.${fraction}`;
}

/** The tax a studio adds to its prices ({name, rate} in basis points, the API's tax_added; null: none) on an amount,
 *  rounded half up once, as the server charges it. */
export function taxOn(amount, taxAdded) {
  if (!taxAdded || !(amount > 0)) return 0;
  return Math.floor((2 * amount * taxAdded.rate + 10_000) / 20_000);
}

/** What is paid for an amount: the amount and the tax added to it. */
export const withTax = (amount, taxAdded) => amount + taxOn(amount, taxAdded);

/** "+ 18% GST" after a price its studio adds a tax to; "" when it adds none. */
export function taxNote(taxAdded) {
  if (!taxAdded) return "";
  return t("common:money.taxNote", { rate: taxAdded.rate / 100, name: taxAdded.name });
}
