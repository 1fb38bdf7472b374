/** The reports in words: figures, rates, the comparison with the span before, what was sold, and pay rates. */
import { localeTag, t } from "../../lib/i18n.js";
import { formatAmount, fractionDigits } from "../../lib/money.js";
import { spanDays } from "./range.js";

const numbers = new Map();

/** A number format in the app's language (one per language and options: making them is the slow part). */
function numberFormat(options) {
  const tag = localeTag();
  const key = `${tag}|${JSON.stringify(options)}`;
  if (!numbers.has(key)) numbers.set(key, new Intl.NumberFormat(tag, options));
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

/** The span before as the messages' select takes it: {span: "day" | "days" | "period", days: "30"}. */
function spanOf(from, to) {
  const days = spanDays(from, to);
  if (days === 1) return { span: "day", days: "1" };
  return days ? { span: "days", days: formatCount(days) } : { span: "period", days: "" };
}

/** "previous 30 days", "previous day". */
export const previousSpan = (from, to) => t("reports:change.span", spanOf(from, to));

/**
 * How a figure moved since the span before: "+12% vs previous 30 days", "-5% vs …", "No change vs …", and, when the
 * span before had none, "New: none in the previous 30 days". rate: the figure is itself a share (fill rate, churn), so
 * the change is in points: "+5 pts vs previous 30 days".
 */
export function changeText(now, before, { from, to, rate = false }) {
  const span = spanOf(from, to);
  if (!Number.isFinite(now) || !Number.isFinite(before)) return t("reports:change.noFigure", span);
  if (rate) {
    const points = Math.round((now - before) * 100);
    if (points === 0) return t("reports:change.none", span);
    return t("reports:change.points", { ...span, points: `${points > 0 ? "+" : "-"}${formatCount(Math.abs(points))}` });
  }
  if (now === before) return t("reports:change.none", span);
  if (before === 0) return t("reports:change.newSince", span);
  const change = (now - before) / Math.abs(before);
  const percent = numberFormat({ style: "percent", maximumFractionDigits: 0, signDisplay: "exceptZero" });
  const text = percent.format(change);
  return text === percent.format(0) ? t("reports:change.none", span) : t("reports:change.percent", { ...span, change: text });
}

/** What was sold, as the revenue report's kinds name it (their messages' keys). */
export const KIND_NAMES = {
  drop_in: "reports:kinds.dropIn",
  retreat: "reports:kinds.retreat",
  plan: "reports:kinds.plan",
  pack: "reports:kinds.pack",
  membership: "reports:kinds.membership",
  desk: "reports:kinds.desk",
};
export const kindName = (kind) => (KIND_NAMES[kind] ? t(KIND_NAMES[kind]) : kind);

/** The kinds of pay rate, as the form offers them (their messages' keys). */
export const RATE_KINDS = { flat: "reports:rateKinds.flat", per_head: "reports:rateKinds.perHead", share: "reports:rateKinds.share" };

/** A per-head rate's message by the bounds it has. */
const PER_HEAD = {
  none: "reports:rate.perHead",
  min: "reports:rate.perHeadMin",
  max: "reports:rate.perHeadMax",
  both: "reports:rate.perHeadBoth",
};

/** A rate in words: "₹1,500 a class", "₹200 a head, at least ₹500, at most ₹3,000" (bounds: per head only),
 *  "40% of net revenue"; "No rate" for none. */
export function rateText(rate, currency) {
  if (!rate) return t("reports:rate.none");
  const money = (amount) => formatAmount(amount, currency);
  if (rate.kind === "flat") return t("reports:rate.flat", { amount: money(rate.amount) });
  if (rate.kind !== "per_head") return t("reports:rate.share", { share: formatCount(rate.share_percent) });
  const [low, high] = [Number.isFinite(rate.minimum), Number.isFinite(rate.maximum)];
  const bounds = low && high ? "both" : (low && "min") || (high && "max") || "none";
  return t(PER_HEAD[bounds], { amount: money(rate.amount), minimum: low ? money(rate.minimum) : "", maximum: high ? money(rate.maximum) : "" });
}
