/** The audit log's words: the kinds of action it records, an entry's change as one line in words (fields by name,
 *  ids as what they name, money in the currency, roles and times as people say them), and the filters as the API's
 *  query (dates read on the studio's clock). */
import { formatDateTime } from "../../lib/format.js";
import { formatMoney } from "../../lib/money.js";
import { roleName } from "../../lib/studio.jsx";
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
  "discount_code.changed": "Discount code changed",
  "discount_code.retired": "Discount code retired",
  "booking.refunded": "Booking refunded",
  "payment.refunded": "Payment refunded",
  "studio.closed": "Studio closed",
  "studio.exported": "Studio exported",
  "studio.imported": "Studio imported",
  "clients.imported": "Clients imported",
  "marketing_email.sent": "Email sent to clients",
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

/** Fields holding money in minor units: shown in the entry's currency, else the studio's. */
const MONEY = new Set(["amount", "price", "minimum", "maximum", "left", "amount_off", "refunded", "paid"]);
/** Fields holding a time: shown on the studio's clock. */
const TIMES = new Set(["starts_at", "ends_at", "closed_at", "valid_from", "valid_until"]);

/** Fields in words; an id the entry put in words reads as what it names, any other as its name without "_id". */
const FIELD_NAMES = {
  instructor_id: "teacher",
  user_id: "person",
  session_id: "session",
  booking_id: "booking",
  pass_id: "pass",
  product_id: "pass",
  event_id: "event",
  refund_id: "refund",
  left: "left to refund",
  booking_status: "booking",
  starts_at: "starts",
  ends_at: "ends",
  max_seats_per_booking: "seats per booking",
  waitlist_mode: "waiting list",
  paid_at_door: "paid at the door",
  percent_off: "% off",
  amount_off: "amount off",
  valid_days: "valid for (days)",
  share_percent: "share (%)",
  sessions_cancelled: "sessions cancelled",
  pass_products_retired: "passes retired",
  codes_retired: "codes retired",
};
const fieldName = (key) => FIELD_NAMES[key] ?? key.replace(/_id$/, "").replaceAll("_", " ");

/** Codes a value may hold, as people say them. */
const VALUE_WORDS = { upi: "UPI", cash: "cash", card: "card terminal", card_terminal: "card terminal", in_person: "in person", online: "online", hybrid: "in person and online", active: "active", cancelled: "cancelled" };

function showValue(value, key, context) {
  const { currency, labels, timeZone } = context;
  const words = labels?.[key]?.[String(value)];
  if (words) return words;
  if (value === null || value === undefined || value === "") return "–";
  if (currency && MONEY.has(key) && Number.isFinite(value)) return formatMoney(value, currency);
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (key === "role" && typeof value === "string") return roleName(value);
  if (TIMES.has(key) && typeof value === "string" && !Number.isNaN(Date.parse(value))) return formatDateTime(value, { timeZone, label: true });
  if (typeof value === "string") return VALUE_WORDS[value] ?? value;
  if (Array.isArray(value)) return value.map((one) => showValue(one, key, context)).join(", ") || "–";
  // A nested record (a pay rate's terms): each of its fields in words.
  if (typeof value === "object") return Object.entries(value).map(([inner, one]) => `${fieldName(inner)} ${showValue(one, inner, context)}`).join(", ");
  return String(value);
}

/** A field's part of the summary: "teacher: Ravi Iyer → Meera Rao" for a change recorded as {from, to} too. */
function part(key, was, now, hadBefore, hasAfter, context) {
  const name = fieldName(key);
  const show = (value) => showValue(value, key, context);
  const isNew = !hadBefore || was === undefined; // a field only the after holds is set, not changed from nothing
  const change = isNew && now && typeof now === "object" && "from" in now && "to" in now ? now : null;
  if (change) return `${name}: ${show(change.from)} → ${show(change.to)}`;
  if (isNew) return `${name}: ${show(now)}`;
  if (!hasAfter || now === undefined) return `${name}: ${show(was)} (removed)`;
  return `${name}: ${show(was)} → ${show(now)}`;
}

/** "role: Instructor → Manager; session: Morning Flow · 3 Dec 07:00; left to refund: ₹590 → ₹295": the fields that
 *  changed, or what was made or removed, in words. Amounts read in the currency the entry names, else in `currency`
 *  (the studio's); ids read as the words the entry was written with (`labels`: {field: {id: words}}); times on
 *  `timeZone`'s clock (the studio's). */
export function changeSummary(before, after, studioCurrency = null, labels = null, timeZone = undefined) {
  const context = { currency: after?.currency ?? before?.currency ?? studioCurrency, labels, timeZone };
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const parts = [];
  for (const key of keys) {
    const [was, now] = [before?.[key], after?.[key]];
    if (before && after && JSON.stringify(was) === JSON.stringify(now)) continue;
    parts.push(part(key, was, now, Boolean(before), Boolean(after), context));
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
