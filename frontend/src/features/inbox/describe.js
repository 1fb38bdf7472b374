/**
 * Notifications as sentences a facilitator reads at a glance, from the fields the CRM stored. A session's times read
 * on its event's clock (data.session.timezone), as every other page leads with them ("14:30 – 16:30 IST"); an older
 * notification without the zone reads in the viewer's, with its short name.
 */
import { formatDateTime, formatRange, formatShortDateTime } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";

function eventTitle(item) {
  return item.event?.title || item.data?.event?.title || t("inbox:describe.yourEvent");
}

function personName(item) {
  return item.user?.name || item.data?.user?.name || t("inbox:describe.someone");
}

/** How the notification's times read: on its session's event's clock when it names one, labelled. */
const clockOf = (item) => ({ timeZone: item.data?.session?.timezone ?? undefined, label: true });

function sessionWhen(item) {
  const session = item.data?.session;
  return session?.starts_at ? formatRange(session.starts_at, session.ends_at, clockOf(item)) : null;
}

/** Who a facilitator's message to a session's people went to (session_message): {known, recipients} for the message's
 *  select and plural. */
const messageRecipients = (data) => (typeof data.recipients === "number" ? { known: "yes", recipients: data.recipients } : { known: "no", recipients: 0 });
const messageSubject = (data) => (typeof data.subject === "string" && data.subject ? t("inbox:describe.subject", { subject: data.subject }) : "");

/** "Sat, 21 Dec, 10:00 CET": when the session starts, short, to name it in a sentence ("none" when it isn't known). */
function sessionStart(item) {
  const startsAt = item.data?.session?.starts_at;
  return startsAt ? formatShortDateTime(startsAt, clockOf(item)) : "none";
}

/** The facilitator's own action (the CRM stores those read): data.actor is the inbox's owner. */
export function isOwnAction(item) {
  const actorId = item.data?.actor?.id;
  return actorId != null && actorId === item.facilitator_id;
}

/** "3 cancelled bookings": what an entry's batch holds, for the button that shows them. */
export function describeBatch(item) {
  const count = item.batch?.count ?? 0;
  if (item.type?.endsWith("_cancelled")) return t("inbox:describe.batchCancelled", { count });
  // A promotion from a waiting list stands for the booking it made.
  return item.type === "waitlist_promoted" ? t("inbox:describe.batchBookings", { count }) : t("inbox:describe.batchRelated", { count });
}

const FIELD_NAMES = new Set(["title", "kind", "location"]);

/** One change in words: "capacity 20 → 12", "start … → …"; null for a field this page doesn't name. */
function describeChange(field, change, clock) {
  const [from, to] = [change.from, change.to];
  if (field === "starts_at") return t("inbox:describe.changeStart", { from: formatDateTime(from, clock), to: formatDateTime(to, clock) });
  if (field === "ends_at") return t("inbox:describe.changeEnd", { from: formatDateTime(from, clock), to: formatDateTime(to, clock) });
  if (field === "capacity") return t("inbox:describe.changeCapacity", { from: String(from), to: String(to) });
  if (field === "description") return t("inbox:describe.changeDescription");
  if (FIELD_NAMES.has(field)) return t("inbox:describe.changeField", { field, from: from ?? "", to: to ?? "" });
  return null;
}

/** "capacity 20 → 12; start Sat, 5 Dec 2026, 09:00 IST → …" from data.changes ({field: {from, to}}), times read as
 *  clock says ({timeZone, label}). */
export function describeChanges(changes, clock = { label: true }) {
  const parts = [];
  for (const [field, change] of Object.entries(changes ?? {})) {
    if (!change || typeof change !== "object" || !("to" in change)) continue;
    parts.push(describeChange(field, change, clock));
  }
  return parts.filter(Boolean).join("; ");
}

const reasonText = (reason) => reason && t("inbox:describe.reason", { reason });

/** Who was told of a cancellation, in words: "Nobody had booked", "3 people were told"; null when not known. */
function toldText(told) {
  if (told === 0) return t("inbox:describe.nobodyBooked");
  return typeof told === "number" ? t("inbox:describe.peopleTold", { count: told }) : null;
}

/** What the facilitator cancelled: how many people were told, and why. */
function cancellationDetail(changes) {
  const told = toldText(changes?.bookings_cancelled);
  const reason = changes?.reason;
  if (told && reason) return t("inbox:describe.toldAndReason", { told, reason });
  return told ?? reasonText(reason) ?? "";
}

const joinDetail = (...parts) => parts.filter(Boolean).join(" · ");

/** How many bookings an own cancellation ended, when anyone had booked; else null. */
function bookingsEnded(changes) {
  const told = changes?.bookings_cancelled;
  return typeof told === "number" && told > 0 ? told : null;
}

/** The reason and "Nobody had booked", the rest of an own cancellation (the sentence says how many). */
function ownCancellationDetail(changes) {
  return joinDetail(changes?.bookings_cancelled === 0 && t("inbox:describe.nobodyBooked"), reasonText(changes?.reason));
}

/** An own cancellation's sentence: `plain` when nobody's booking ended, else `withCount` with how many. */
function ownCancellation(item, title, plain, withCount) {
  const count = bookingsEnded(item.data?.changes);
  const values = { title, start: sessionStart(item) };
  return { sentence: count ? t(withCount, { ...values, count }) : t(plain, values), detail: ownCancellationDetail(item.data?.changes) };
}

/** The facilitator's own changes, in the second person; null for types without a sentence of their own. */
function describeOwn(item, title) {
  const data = item.data ?? {};
  const start = sessionStart(item);
  switch (item.type) {
    case "session_created":
      return { sentence: t("inbox:own.addedSession", { title }), detail: joinDetail(sessionWhen(item)) };
    case "session_updated":
      return { sentence: t("inbox:own.changedSession", { title, start }), detail: describeChanges(data.changes, clockOf(item)) };
    case "session_cancelled":
      return ownCancellation(item, title, "inbox:own.cancelledSession", "inbox:own.cancelledSessionBookings");
    case "session_message":
      return { sentence: t("inbox:own.emailed", { title, start, ...messageRecipients(data) }), detail: messageSubject(data) };
    case "event_created":
      return { sentence: t("inbox:own.created", { title }), detail: "" };
    case "event_updated":
      return { sentence: t("inbox:own.updated", { title }), detail: describeChanges(data.changes) };
    case "event_cancelled":
      return ownCancellation(item, title, "inbox:own.cancelledEvent", "inbox:own.cancelledEventBookings");
    default:
      return null;
  }
}

/** A booking's notification in the third person; null for other types. */
function describeBooking(item, title) {
  const who = personName(item);
  const when = sessionWhen(item);
  const data = item.data ?? {};
  const session = when && t("inbox:describe.session", { when });
  switch (item.type) {
    case "booking_created":
      return { sentence: t("inbox:others.booked", { who, title }), detail: joinDetail(data.from_waitlist && t("inbox:describe.fromWaitlist"), session) };
    case "booking_cancelled":
      return data.cancel_reason
        ? { sentence: t("inbox:others.bookingCancelledFor", { who, title }), detail: joinDetail(reasonText(data.cancel_reason), session) }
        : { sentence: t("inbox:others.bookingCancelledBy", { who, title }), detail: joinDetail(session) };
    case "booking_reactivated":
      return { sentence: t("inbox:others.reactivated", { who, title }), detail: joinDetail(session) };
    default:
      return null;
  }
}

/** {sentence, detail}: the headline and a secondary line (may be empty). */
export function describeNotification(item) {
  const title = eventTitle(item);
  const own = isOwnAction(item) ? describeOwn(item, title) : null;
  if (own) return own;
  const booking = describeBooking(item, title);
  if (booking) return booking;
  const when = sessionWhen(item);
  const data = item.data ?? {};
  switch (item.type) {
    case "session_created":
      return { sentence: t("inbox:others.sessionAdded", { title }), detail: joinDetail(when) };
    case "session_updated":
      return { sentence: t("inbox:others.sessionChanged", { title }), detail: joinDetail(describeChanges(data.changes, clockOf(item)), when && t("inbox:describe.now", { when })) };
    case "session_cancelled":
      return { sentence: t("inbox:others.sessionCancelled", { title }), detail: joinDetail(when, cancellationDetail(data.changes)) };
    case "event_created":
      return { sentence: t("inbox:others.eventCreated", { title }), detail: "" };
    case "event_updated":
      return { sentence: t("inbox:others.eventUpdated", { title }), detail: describeChanges(data.changes) };
    case "event_cancelled":
      return { sentence: t("inbox:others.eventCancelled", { title }), detail: cancellationDetail(data.changes) };
    case "session_message":
      return { sentence: t("inbox:others.messageWent", { title, ...messageRecipients(data) }), detail: joinDetail(messageSubject(data), when) };
    default:
      // A type this page does not know yet (a newer sender): the CRM's own message, else the type in words.
      return { sentence: (typeof item.message === "string" && item.message) || (item.type ? String(item.type).replace(/[_.]/g, " ") : t("inbox:describe.notification")), detail: "" };
  }
}

/** "5 minutes ago", up to a week back; after that the date and time (shared: the mailbox shows them too). */
export { timeAgo } from "../../lib/format.js";
