/** The reports in words: figures, rates, the comparison with the span before, what was sold, and pay rates. */
import { formatAmount, fractionDigits } from "../../lib/money.js";
import { spanDays } from "./range.js";

const numbers = new Map();

function numberFormat(options) {
  const key = JSON.stringify(options);
  if (!numbers.has(key)) numbers.set(key, new Intl.NumberFormat(undefined, options));
  return numbers.get(key);
}

/** "1,234"; "" when not a number. */
export const formatCount = (value) => (Number.isFinite(value) ? numberFormat({}).format(value) : "");

/** A share from 0 to 1 as "42%" (one decimal below 10%: "4.5%"); "—" when there is none (no seats offered). */
export function formatRate(value) {
  if (!Number.isFinite(value)) return "—";
  const digits = Math.abs(value) < 0.1 && value !== 0 ? 1 : 0;
  return numberFormat({ style: "percent", maximumFractionDigits: digits }).format(value);
}

/** "₹1.2L", "$12K": money in minor units, short, for a chart's axis. */
export function formatCompactMoney(amount, currency) {
  if (!Number.isFinite(amount)) return "";
  const major = amount / 10 ** fractionDigits(currency);
  try {
    return numberFormat({ style: "currency", currency, notation: "compact", maximumFractionDigits: 1 }).format(major);
  } catch {
    return formatAmount(amount, currency); // a code the browser can't format as a currency
  }
}

/** "the previous 30 days", "the previous day". */
export function previousSpan(from, to) {
  const days = spanDays(from, to);
  if (days === 1) return "previous day";
  return days ? `previous ${formatCount(days)} days` : "previous period";
}

/**
 * How a figure moved since the span before: "+12% vs previous 30 days", "-5% vs …", "No change vs …", and, when the
 * span before had none, "New: none in the previous 30 days". rate: the figure is itself a share (fill rate, churn), so
 * the change is in points: "+5 pts vs previous 30 days".
 */
export function changeText(now, before, { from, to, rate = false }) {
  const span = previousSpan(from, to);
  if (!Number.isFinite(now) || !Number.isFinite(before)) return `No figure for the ${span}`;
  if (rate) {
    const points = Math.round((now - before) * 100);
    if (points === 0) return `No change vs ${span}`;
    return `${points > 0 ? "+" : "-"}${Math.abs(points)} pts vs ${span}`;
  }
  if (now === before) return `No change vs ${span}`;
  if (before === 0) return `New: none in the ${span}`;
  const change = (now - before) / Math.abs(before);
  const text = numberFormat({ style: "percent", maximumFractionDigits: 0, signDisplay: "exceptZero" }).format(change);
  return text === "0%" ? `No change vs ${span}` : `${text} vs ${span}`;
}

/** What was sold, as the revenue report's kinds name it. */
export const KIND_NAMES = {
  drop_in: "Drop-in classes",
  retreat: "Retreats",
  plan: "Payment plans",
  pack: "Class packs",
  membership: "Memberships",
  desk: "Front desk sales",
};
export const kindName = (kind) => KIND_NAMES[kind] ?? kind;

/** The kinds of pay rate, as the form offers them. */
export const RATE_KINDS = { flat: "Flat per class", per_head: "Per head", share: "Share of net revenue" };

/** A rate in words: "₹1,500 a class", "₹200 a head, at least ₹500, at most ₹3,000" (bounds: per head only),
 *  "40% of net revenue"; "No rate" for none. */
export function rateText(rate, currency) {
  if (!rate) return "No rate";
  const money = (amount) => formatAmount(amount, currency);
  let text;
  if (rate.kind === "flat") text = `${money(rate.amount)} a class`;
  else if (rate.kind === "per_head") text = `${money(rate.amount)} a head`;
  else text = `${formatCount(rate.share_percent)}% of net revenue`;
  const bounds = [];
  if (rate.kind === "per_head" && Number.isFinite(rate.minimum)) bounds.push(`at least ${money(rate.minimum)}`);
  if (rate.kind === "per_head" && Number.isFinite(rate.maximum)) bounds.push(`at most ${money(rate.maximum)}`);
  return [text, ...bounds].join(", ");
}
