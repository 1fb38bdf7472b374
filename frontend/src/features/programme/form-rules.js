/** Client checks for the session and event forms: times, capacity, time zone, price and the refund cutoff. */
import { fromZonedInput } from "../../lib/format.js";
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
  if (!start) errors.starts_at = "Enter when the session starts.";
  if (!end) errors.ends_at = "Enter when the session ends.";
  if (start && end && new Date(end) <= new Date(start)) errors.ends_at = "The end must be after the start.";
  if (start && requireFuture && new Date(start).getTime() <= now) errors.starts_at = "The start must be in the future.";
  return errors;
}

/** A message for a time zone name, or null. */
export function checkTimeZone(name) {
  if (!name) return "Choose the time zone the sessions' times are in.";
  return isTimeZone(name) ? null : "Choose a time zone from the list.";
}

/** A message for a capacity text, or null; `seatsTaken` is the floor once people have booked. */
export function checkCapacity(text, seatsTaken = 0) {
  const value = Number(text);
  if (text === "" || text === null || text === undefined) return "Enter how many people can attend.";
  if (!Number.isInteger(value) || value < 1) return "Capacity must be a whole number, at least 1.";
  if (value > MAX_CAPACITY) return `Capacity can be at most ${MAX_CAPACITY.toLocaleString()}.`;
  if (value < seatsTaken) {
    const who = seatsTaken === 1 ? "1 person has" : `${seatsTaken} people have`;
    return `${who} already booked this session, so the capacity can't be lower than ${seatsTaken}.`;
  }
  return null;
}

/** A price typed in major units ("800", "45000.50") as minor units; 0 for blank (free). Check it with checkPrice first. */
export const priceInMinorUnits = (text, currency) => parseMajorUnits(text, currency).amount ?? 0;

/** A message for a price typed in major units, or null; blank or 0 is free. */
export function checkPrice(text, currency) {
  const { amount, error } = parseMajorUnits(text, currency);
  const digits = fractionDigits(currency);
  if (error === "negative") return "The price can't be negative.";
  if (error === "format") return digits === 0 ? "Enter the price as a whole number, like 1500." : "Enter the price as a number, like 800 or 45000.50.";
  if (error === "decimals") return digits === 0 ? `${currency} has no decimals: enter a whole amount.` : `Use at most ${digits} decimals for ${currency}.`;
  if (amount > MAX_PRICE) return `The price can be at most ${formatAmount(MAX_PRICE, currency)}.`;
  return null;
}

export const DEFAULT_LATE_CANCEL_HOURS = 12; // the API's default
export const MAX_LATE_CANCEL_HOURS = 8760;

/** A late-cancel cutoff's message, or null: whole hours from 0 to a year. */
export function checkLateCancelHours(text) {
  const value = String(text ?? "").trim();
  if (!/^\d+$/.test(value)) return "Enter a whole number of hours, 0 or more.";
  if (Number(value) > MAX_LATE_CANCEL_HOURS) return `The cutoff can be at most ${MAX_LATE_CANCEL_HOURS} hours (a year) before the start.`;
  return null;
}

/** A message for the refund cutoff (whole hours before a session's start, 0 to a year), or null. */
export function checkRefundHours(text) {
  const value = String(text ?? "").trim();
  if (value === "") return "Enter how many hours before the start refunds end (0: until the start).";
  if (!/^\d+$/.test(value)) return "Enter a whole number of hours, 0 or more.";
  if (Number(value) > MAX_REFUND_HOURS) return `The cutoff can be at most ${MAX_REFUND_HOURS} hours (a year) before the start.`;
  return null;
}
