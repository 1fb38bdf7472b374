/** The audit log's words: the kinds of action it records, an entry's change as one line in words (fields by name,
 *  ids as what they name, money in the currency, roles and times as people say them), and the filters as the API's
 *  query (dates read on the studio's clock). */
import { formatDateTime } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";
import { formatMoney } from "../../lib/money.js";
import { roleName } from "../../lib/studio.jsx";
import { instantOf } from "../../lib/time-zones.js";

/** The actions the main API records (main_app/services/**: audit.record), each as its message's key; others read as
 *  their code. */
export const KINDS = {
  "studio.created": "audit:kinds.studioCreated",
  "event.created": "audit:kinds.eventCreated",
  "event.updated": "audit:kinds.eventUpdated",
  "event.cancelled": "audit:kinds.eventCancelled",
  "session.created": "audit:kinds.sessionCreated",
  "session.updated": "audit:kinds.sessionUpdated",
  "session.cancelled": "audit:kinds.sessionCancelled",
  "studio.settings_changed": "audit:kinds.studioSettingsChanged",
  "studio.whatsapp_changed": "audit:kinds.studioWhatsappChanged",
  "invitation.sent": "audit:kinds.invitationSent",
  "invitation.withdrawn": "audit:kinds.invitationWithdrawn",
  "member.joined": "audit:kinds.memberJoined",
  "member.role_changed": "audit:kinds.memberRoleChanged",
  "member.removed": "audit:kinds.memberRemoved",
  "member.owner_made": "audit:kinds.memberOwnerMade",
  "pass.sold_at_desk": "audit:kinds.passSoldAtDesk",
  "booking.made_at_desk": "audit:kinds.bookingMadeAtDesk",
  "client.whatsapp_consent": "audit:kinds.clientWhatsappConsent",
  "pass_product.created": "audit:kinds.passProductCreated",
  "pass_product.changed": "audit:kinds.passProductChanged",
  "pass_product.retired": "audit:kinds.passProductRetired",
  "discount_code.created": "audit:kinds.discountCodeCreated",
  "discount_code.changed": "audit:kinds.discountCodeChanged",
  "discount_code.retired": "audit:kinds.discountCodeRetired",
  "booking.refunded": "audit:kinds.bookingRefunded",
  "payment.refunded": "audit:kinds.paymentRefunded",
  "studio.closed": "audit:kinds.studioClosed",
  "studio.exported": "audit:kinds.studioExported",
  "studio.imported": "audit:kinds.studioImported",
  "clients.imported": "audit:kinds.clientsImported",
  "marketing_email.sent": "audit:kinds.marketingEmailSent",
  "checkin.recorded": "audit:kinds.checkinRecorded",
  "checkin.undone": "audit:kinds.checkinUndone",
  "booking.walk_in": "audit:kinds.bookingWalkIn",
  "booking.approved": "audit:kinds.bookingApproved",
  "booking.declined": "audit:kinds.bookingDeclined",
  "attendance.corrected": "audit:kinds.attendanceCorrected",
  "pay_rate.set": "audit:kinds.payRateSet",
  "pay_rate.removed": "audit:kinds.payRateRemoved",
  "api_token.created": "audit:kinds.apiTokenCreated",
  "api_token.revoked": "audit:kinds.apiTokenRevoked",
  "webhook.created": "audit:kinds.webhookCreated",
  "webhook.changed": "audit:kinds.webhookChanged",
  "webhook.removed": "audit:kinds.webhookRemoved",
  "automation.created": "audit:kinds.automationCreated",
  "automation.changed": "audit:kinds.automationChanged",
  "automation.switched_on": "audit:kinds.automationSwitchedOn",
  "automation.switched_off": "audit:kinds.automationSwitchedOff",
  "automation.removed": "audit:kinds.automationRemoved",
};
export const kindName = (action) => (KINDS[action] ? t(KINDS[action]) : action);

/** Fields holding money in minor units: shown in the entry's currency, else the studio's. */
const MONEY = new Set(["amount", "price", "minimum", "maximum", "left", "amount_off", "refunded", "paid"]);
/** Fields holding a time: shown on the studio's clock. */
const TIMES = new Set(["starts_at", "ends_at", "closed_at", "valid_from", "valid_until"]);

/** Fields in words (their messages' keys); an id the entry put in words reads as what it names, any other field as
 *  its code without "_id". */
const FIELD_NAMES = {
  instructor_id: "audit:fields.instructorId",
  user_id: "audit:fields.userId",
  session_id: "audit:fields.sessionId",
  booking_id: "audit:fields.bookingId",
  pass_id: "audit:fields.passId",
  product_id: "audit:fields.productId",
  event_id: "audit:fields.eventId",
  refund_id: "audit:fields.refundId",
  left: "audit:fields.left",
  booking_status: "audit:fields.bookingStatus",
  starts_at: "audit:fields.startsAt",
  ends_at: "audit:fields.endsAt",
  max_seats_per_booking: "audit:fields.maxSeatsPerBooking",
  waitlist_mode: "audit:fields.waitlistMode",
  paid_at_door: "audit:fields.paidAtDoor",
  percent_off: "audit:fields.percentOff",
  amount_off: "audit:fields.amountOff",
  valid_days: "audit:fields.validDays",
  share_percent: "audit:fields.sharePercent",
  sessions_cancelled: "audit:fields.sessionsCancelled",
  pass_products_retired: "audit:fields.passProductsRetired",
  codes_retired: "audit:fields.codesRetired",
  name: "audit:fields.name",
  email: "audit:fields.email",
  role: "audit:fields.role",
  method: "audit:fields.method",
  amount: "audit:fields.amount",
  currency: "audit:fields.currency",
  timezone: "audit:fields.timezone",
  price: "audit:fields.price",
  capacity: "audit:fields.capacity",
  status: "audit:fields.status",
  title: "audit:fields.title",
  rate: "audit:fields.rate",
  kind: "audit:fields.kind",
  use: "audit:fields.use",
  reason: "audit:fields.reason",
  phone_number_id: "audit:fields.phoneNumberId",
  secrets_hint: "audit:fields.secretsHint",
};
const fieldName = (key) => (FIELD_NAMES[key] ? t(FIELD_NAMES[key]) : key.replace(/_id$/, "").replaceAll("_", " "));

/** Codes a value may hold, as people say them (their messages' keys). */
const VALUE_WORDS = { upi: "audit:values.upi", cash: "audit:values.cash", card: "audit:values.cardTerminal", card_terminal: "audit:values.cardTerminal", in_person: "audit:values.inPerson", online: "audit:values.online", hybrid: "audit:values.hybrid", active: "audit:values.active", cancelled: "audit:values.cancelled" };

function showValue(value, key, context) {
  const { currency, labels, timeZone } = context;
  const words = labels?.[key]?.[String(value)];
  if (words) return words;
  if (value === null || value === undefined || value === "") return "–";
  if (currency && MONEY.has(key) && Number.isFinite(value)) return formatMoney(value, currency);
  if (typeof value === "boolean") return value ? t("audit:values.yes") : t("audit:values.no");
  if (key === "role" && typeof value === "string") return roleName(value);
  if (TIMES.has(key) && typeof value === "string" && !Number.isNaN(Date.parse(value))) return formatDateTime(value, { timeZone, label: true });
  if (typeof value === "string") return VALUE_WORDS[value] ? t(VALUE_WORDS[value]) : value;
  if (Array.isArray(value)) return value.map((one) => showValue(one, key, context)).join(", ") || "–";
  // A nested record (a pay rate's terms): each of its fields in words.
  if (typeof value === "object") return Object.entries(value).map(([inner, one]) => t("audit:change.term", { field: fieldName(inner), value: showValue(one, inner, context) })).join(", ");
  return String(value);
}

/** A field's part of the summary: "teacher: Ravi Iyer → Meera Rao" for a change recorded as {from, to} too. */
function part(key, was, now, hadBefore, hasAfter, context) {
  const name = fieldName(key);
  const show = (value) => showValue(value, key, context);
  const isNew = !hadBefore || was === undefined; // a field only the after holds is set, not changed from nothing
  const change = isNew && now && typeof now === "object" && "from" in now && "to" in now ? now : null;
  if (change) return t("audit:change.changed", { field: name, from: show(change.from), to: show(change.to) });
  if (isNew) return t("audit:change.set", { field: name, value: show(now) });
  if (!hasAfter || now === undefined) return t("audit:change.removed", { field: name, value: show(was) });
  return t("audit:change.changed", { field: name, from: show(was), to: show(now) });
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
