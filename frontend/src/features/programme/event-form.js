/** The event forms' values, checks and request bodies (create, edit). Session times are wall-clock times in the event's
 *  zone; prices are typed in major units ("800", "45000.50") and sent in minor units. */
import { browserZone, fromZonedInput } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";
import { addDays, currentZoneName } from "../../lib/time-zones.js";
import { checkCapacity, checkLateCancelHours, checkPrice, checkRefundHours, checkTimeZone, checkTimes, DEFAULT_CURRENCY, DEFAULT_LATE_CANCEL_HOURS, DEFAULT_REFUND_HOURS, priceInMinorUnits } from "./form-rules.js";

export const TITLE_MAX = 200;
export const LOCATION_MAX = 200;
export const DESCRIPTION_MAX = 5000;
export const EVENT_FIELDS = ["title", "kind", "location", "location_country", "location_state_code", "description", "timezone", "refund_until_hours", "sessions"];

let nextKey = 1;

export function emptyRow() {
  return { key: nextKey++, starts_at: "", ends_at: "", capacity: "", price: "", currency: DEFAULT_CURRENCY };
}

/**
 * A new row a week after `previous` (a weekly class is the common case), or empty when it is incomplete. A week
 * later on the event's clocks: 09:00 stays 09:00 across a daylight saving change (the instant moves instead).
 */
export function rowAfter(previous) {
  const row = emptyRow();
  if (!previous?.starts_at || !previous?.ends_at) return row;
  return {
    ...row,
    starts_at: addDays(previous.starts_at, 7),
    ends_at: addDays(previous.ends_at, 7),
    capacity: previous.capacity,
    price: previous.price ?? "",
    currency: previous.currency ?? DEFAULT_CURRENCY,
  };
}

/** An empty event whose times are in `timeZone`, by default the viewer's own zone. */
export function initialEvent(timeZone = currentZoneName(browserZone())) {
  return { title: "", kind: "session", location: "", location_country: "", location_state_code: "", description: "", timezone: timeZone, refund_until_hours: String(DEFAULT_REFUND_HOURS), requires_approval: false, sessions: [emptyRow()] };
}

/** Messages for the event's own fields (title, kind, location, description, timezone, refund cutoff), in both forms. */
export function checkDetails(values) {
  const errors = {};
  const title = values.title.trim();
  if (!title) errors.title = t("programme:eventForm.titleMissing");
  else if (title.length > TITLE_MAX) errors.title = t("programme:eventForm.titleMax", { max: TITLE_MAX });
  if (!["session", "retreat"].includes(values.kind)) errors.kind = t("programme:eventForm.kindMissing");
  if (values.location.trim().length > LOCATION_MAX) errors.location = t("programme:eventForm.locationMax", { max: LOCATION_MAX });
  if (values.description.length > DESCRIPTION_MAX) errors.description = t("programme:eventForm.descriptionMax", { max: DESCRIPTION_MAX });
  const zoneError = checkTimeZone(values.timezone);
  if (zoneError) errors.timezone = zoneError;
  const refundError = checkRefundHours(values.refund_until_hours);
  if (refundError) errors.refund_until_hours = refundError;
  const lateError = values.late_cancel_hours === undefined ? null : checkLateCancelHours(values.late_cancel_hours);
  if (lateError) errors.late_cancel_hours = lateError;
  return errors;
}

/** {"title": "...", "sessions.0.ends_at": "..."}: the same paths as the server's 400 details. */
export function checkEvent(values, now = Date.now()) {
  const errors = checkDetails(values);
  const zoneError = errors.timezone;
  if (values.sessions.length === 0) errors.sessions = t("programme:eventForm.noSessions");
  values.sessions.forEach((row, index) => {
    // Without a known zone the times can't be placed; its own message says what to fix.
    const rowErrors = checkTimes(row.starts_at, row.ends_at, { now, timeZone: zoneError ? undefined : values.timezone });
    const capacity = checkCapacity(String(row.capacity).trim());
    if (capacity) rowErrors.capacity = capacity;
    const price = checkPrice(row.price, row.currency);
    if (price) rowErrors.price = price;
    for (const [field, message] of Object.entries(rowErrors)) errors[`sessions.${index}.${field}`] = message;
  });
  return errors;
}

/** A GST state code is asked only for a place in India, or where the country is left blank (the studio's own). */
export const asksIndianState = (country) => ["", "IN"].includes((country ?? "").trim().toUpperCase());

/** Where a new event is held for tax, left out when blank (the studio's own address). */
function placeBody(values) {
  const country = (values.location_country ?? "").trim().toUpperCase();
  const state = asksIndianState(country) ? (values.location_state_code ?? "").trim() : "";
  return { ...(country ? { location_country: country } : {}), ...(state ? { location_state_code: state } : {}) };
}

export function eventBody(values) {
  return {
    title: values.title.trim(),
    kind: values.kind,
    location: values.location.trim(),
    ...placeBody(values),
    description: values.description.trim(),
    timezone: values.timezone,
    refund_until_hours: Number(values.refund_until_hours),
    ...(values.requires_approval ? { requires_approval: true } : {}), // left out: the default, false
    sessions: values.sessions.map((row) => ({
      starts_at: fromZonedInput(row.starts_at, values.timezone),
      ends_at: fromZonedInput(row.ends_at, values.timezone),
      capacity: Number(row.capacity),
      price: priceInMinorUnits(row.price, row.currency),
      currency: row.currency,
      // One teacher for every session made here; one session gets a substitute on its own page.
      ...(values.instructor_id ? { instructor_id: Number(values.instructor_id) } : {}),
    })),
  };
}

export const DETAIL_FIELDS = [
  "title", "kind", "location", "location_state_code", "location_country", "description", "timezone", "refund_until_hours", "late_cancel_hours",
  "requires_approval",
];
const NUMBER_FIELDS = ["refund_until_hours", "late_cancel_hours"];
// Where it is held, as tax needs it (the place of supply): blank is the studio's own address, sent as null.
const PLACE_FIELDS = ["location_state_code", "location_country"];

/** The edit form's values for a saved event. */
export function detailsOf(event) {
  return {
    title: event.title ?? "",
    kind: event.kind ?? "session",
    location: event.location ?? "",
    location_state_code: event.location_state_code ?? "",
    location_country: event.location_country ?? "",
    description: event.description ?? "",
    timezone: event.timezone ?? "",
    refund_until_hours: String(event.refund_until_hours ?? DEFAULT_REFUND_HOURS),
    late_cancel_hours: String(event.late_cancel_hours ?? DEFAULT_LATE_CANCEL_HOURS),
    requires_approval: Boolean(event.requires_approval),
  };
}

/** The event fields the edit form changed, as the PATCH body (texts trimmed as on creation). */
export function changedDetails(values, event) {
  const saved = detailsOf(event);
  const changes = {};
  for (const field of DETAIL_FIELDS) {
    if (values[field] === undefined) continue;
    if (typeof saved[field] === "boolean") {
      if (Boolean(values[field]) !== saved[field]) changes[field] = Boolean(values[field]);
      continue;
    }
    let value = field === "kind" || field === "timezone" ? values[field] : values[field].trim();
    if (field === "location_country") value = value.toUpperCase();
    if (value === saved[field].trim()) continue;
    if (PLACE_FIELDS.includes(field)) changes[field] = value || null;
    else changes[field] = NUMBER_FIELDS.includes(field) ? Number(value) : value;
  }
  return changes;
}

/** The errors of row `index`, as {starts_at, ends_at, capacity, price, currency}. */
export function rowErrors(errors, index) {
  const prefix = `sessions.${index}.`;
  return Object.fromEntries(Object.entries(errors).filter(([path]) => path.startsWith(prefix)).map(([path, message]) => [path.slice(prefix.length), message]));
}

/** True for every path the form can show beside a field. */
export const isFormField = (path) => EVENT_FIELDS.includes(path) || /^sessions\.\d+\.(starts_at|ends_at|capacity|price|currency)$/.test(path);

/** The field a server's error path is shown beside: a session's teacher beside the one Teacher field, others as they
 *  are; false for a path no field shows. */
export const formFieldOf = (path) => (/^sessions\.\d+\.instructor_id$/.test(path) ? "instructor_id" : isFormField(path) && path);
