/** Client checks for the session and event forms: times, capacity, time zone, price and the refund cutoff. */
import { fromZonedInput } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";
import { CURRENCIES, formatAmount, fractionDigits, parseMajorUnits } from "../../lib/money.js";
import { isTimeZone } from "../../lib/time-zones.js";

export const MAX_CAPACITY = 10_000;
/** The currencies a session can be priced in, the default first (lib/money.js's). */
export { CURRENCIES };
export const DEFAULT_CURRENCY = CURRENCIES[0];
/** The API's ceiling on a price, in minor units (₹100,000; $100,000; ¥10,000,000). */
export const MAX_PRICE = 10_000_000;
export const DEFAULT_REFUND_HOURS = 24;
export const MAX_REFUND_HOURS = 8760;

/**
 * {starts_at?, ends_at?} messages for two datetime-local values read on the clocks of `timeZone` (the event's;
 * default the viewer's); `requireFuture` for a start being set now.
 */
export function checkTimes(startsAt, endsAt, { requireFuture = true, now = Date.now(), timeZone } = {}) {
  const errors = {};
  const start = fromZonedInput(startsAt, timeZone);
  const end = fromZonedInput(endsAt, timeZone);
  if (!start) errors.starts_at = t("programme:rules.startMissing");
  if (!end) errors.ends_at = t("programme:rules.endMissing");
  if (start && end && new Date(end) <= new Date(start)) errors.ends_at = t("programme:rules.endBeforeStart");
  if (start && requireFuture && new Date(start).getTime() <= now) errors.starts_at = t("programme:rules.startPast");
  return errors;
}

/** A message for a time zone name, or null. */
export function checkTimeZone(name) {
  if (!name) return t("programme:rules.zoneMissing");
  return isTimeZone(name) ? null : t("programme:rules.zoneUnknown");
}

/** A message for a capacity text, or null; `seatsTaken` is the floor once people have booked. */
export function checkCapacity(text, seatsTaken = 0) {
  const value = Number(text);
  if (text === "" || text === null || text === undefined) return t("programme:rules.capacityMissing");
  if (!Number.isInteger(value) || value < 1) return t("programme:rules.capacityWhole");
  if (value > MAX_CAPACITY) return t("programme:rules.capacityMax", { max: MAX_CAPACITY.toLocaleString("en") });
  if (value < seatsTaken) {
    return t("programme:rules.capacityBelowBooked", { count: seatsTaken });
  }
  return null;
}

/** A price typed in major units ("800", "45000.50") as minor units; 0 for blank (free). Check it with checkPrice first. */
export const priceInMinorUnits = (text, currency) => parseMajorUnits(text, currency).amount ?? 0;

/** A message for a price typed in major units, or null; blank or 0 is free. */
export function checkPrice(text, currency) {
  const { amount, error } = parseMajorUnits(text, currency);
  const digits = fractionDigits(currency);
  if (error === "negative") return t("programme:rules.priceNegative");
  if (error === "format") return digits === 0 ? t("programme:rules.priceWhole") : t("programme:rules.priceNumber");
  if (error === "decimals") return digits === 0 ? t("programme:rules.noDecimals", { currency }) : t("programme:rules.decimals", { currency, digits });
  if (amount > MAX_PRICE) return t("programme:rules.priceMax", { max: formatAmount(MAX_PRICE, currency) });
  return null;
}

export const DEFAULT_LATE_CANCEL_HOURS = 12; // the API's default
export const MAX_LATE_CANCEL_HOURS = 8760;

/** A late-cancel cutoff's message, or null: whole hours from 0 to a year. */
export function checkLateCancelHours(text) {
  const value = String(text ?? "").trim();
  if (!/^\d+$/.test(value)) return t("programme:rules.hoursWhole");
  if (Number(value) > MAX_LATE_CANCEL_HOURS) return t("programme:rules.cutoffMax", { max: MAX_LATE_CANCEL_HOURS });
  return null;
}

/** A message for the refund cutoff (whole hours before a session's start, 0 to a year), or null. */
export function checkRefundHours(text) {
  const value = String(text ?? "").trim();
  if (value === "") return t("programme:rules.refundHoursMissing");
  if (!/^\d+$/.test(value)) return t("programme:rules.hoursWhole");
  if (Number(value) > MAX_REFUND_HOURS) return t("programme:rules.cutoffMax", { max: MAX_REFUND_HOURS });
  return null;
}
