/** The audit log's words: the kinds of action it records, an entry's change as one line, and the filters as the
 *  API's query (dates read on the studio's clock). */
import { formatMoney } from "../../lib/money.js";
import { instantOf } from "../../lib/time-zones.js";

/** The actions the main API records (main_app/services/**: audit.record), each in words; others read as their code. */
export const KINDS = {
  "studio.created": "Studio created",
  "event.created": "Event created",
  "event.updated": "Event changed",
  "event.cancelled": "Event cancelled",
  "session.created": "Session added",
  "session.updated": "Session changed",
  "session.cancelled": "Session cancelled",
  "studio.settings_changed": "Settings changed",
  "invitation.sent": "Invitation sent",
  "invitation.withdrawn": "Invitation withdrawn",
  "member.joined": "Member joined",
  "member.role_changed": "Role changed",
  "member.removed": "Member removed",
  "member.owner_made": "Made an owner",
  "pass.sold_at_desk": "Pass sold at the desk",
  "booking.made_at_desk": "Booked at the desk",
  "pass_product.created": "Pass made",
  "pass_product.changed": "Pass changed",
  "pass_product.retired": "Pass retired",
  "discount_code.created": "Discount code made",
  "discount_code.retired": "Discount code retired",
  "booking.refunded": "Booking refunded",
  "checkin.recorded": "Checked in",
  "checkin.undone": "Check-in undone",
  "booking.walk_in": "Walk-in",
  "booking.approved": "Booking approved",
  "booking.declined": "Booking declined",
  "attendance.corrected": "Attendance corrected",
  "pay_rate.set": "Pay rate set",
  "pay_rate.removed": "Pay rate removed",
};
export const kindName = (action) => KINDS[action] ?? action;

/** Fields holding money in minor units: shown in the studio's currency. */
const MONEY = new Set(["amount", "price", "minimum", "maximum"]);

const show = (value, key, currency, labels) => {
  const words = labels?.[key]?.[String(value)];
  if (words) return words;
  if (currency && MONEY.has(key) && Number.isFinite(value)) return formatMoney(value, currency);
  if (value === null || value === undefined || value === "") return "–";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
};

/** A field's name as the summary says it: an id the entry put in words reads as what it names ("session"). */
const fieldName = (key, labels) => (labels?.[key] ? key.replace(/_id$/, "") : key);

/** "role: instructor → manager; session: Morning Flow · 3 Dec 07:00": the fields that changed, or what was made or
 *  removed. Amounts read in the currency the entry names, else in `currency` (the studio's); ids read as the words
 *  the entry was written with (`labels`: {field: {id: words}}), else as they are. */
export function changeSummary(before, after, studioCurrency = null, labels = null) {
  const currency = after?.currency ?? before?.currency ?? studioCurrency;
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const parts = [];
  for (const key of keys) {
    const [was, now] = [before?.[key], after?.[key]];
    const name = fieldName(key, labels);
    if (before && after && JSON.stringify(was) === JSON.stringify(now)) continue;
    if (!before) parts.push(`${name}: ${show(now, key, currency, labels)}`);
    else if (!after) parts.push(`${name}: ${show(was, key, currency, labels)} (removed)`);
    else parts.push(`${name}: ${show(was, key, currency, labels)} → ${show(now, key, currency, labels)}`);
  }
  return parts.join("; ");
}

/** "2031-03-25" (a date input's value) → the ISO instant that day starts on the studio's clock, or null. */
export function dayStart(value, timeZone, addDays = 0) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? "");
  if (!match) return null;
  const wall = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) + addDays, hour: 0, minute: 0 };
  return new Date(instantOf(wall, timeZone)).toISOString();
}

/** The filters ({person, kind, since, until}: text from the page's address) as the API's query: until takes its whole
 *  day (the API's until is exclusive). */
export function auditQuery(filters, timeZone) {
  const query = {};
  if (filters.person) query.person = filters.person;
  if (filters.kind?.trim()) query.kind = filters.kind.trim();
  const since = dayStart(filters.since, timeZone);
  const until = dayStart(filters.until, timeZone, 1);
  if (since) query.since = since;
  if (until) query.until = until;
  return query;
}
