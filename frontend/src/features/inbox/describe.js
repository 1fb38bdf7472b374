/**
 * Notifications as sentences a facilitator reads at a glance, from the fields the CRM stored. A session's times read
 * on its event's clock (data.session.timezone), as every other page leads with them ("14:30 – 16:30 IST"); an older
 * notification without the zone reads in the viewer's, with its short name.
 */
import { formatDateTime, formatRange, formatShortDateTime, plural } from "../../lib/format.js";

const quote = (text) => `“${text}”`;

function eventTitle(item) {
  return item.event?.title || item.data?.event?.title || "your event";
}

function personName(item) {
  return item.user?.name || item.data?.user?.name || "Someone";
}

/** How the notification's times read: on its session's event's clock when it names one, labelled. */
const clockOf = (item) => ({ timeZone: item.data?.session?.timezone ?? undefined, label: true });

function sessionWhen(item) {
  const session = item.data?.session;
  return session?.starts_at ? formatRange(session.starts_at, session.ends_at, clockOf(item)) : null;
}

/** Who a facilitator's message to a session's people went to (session_message), and its subject. */
const messageRecipients = (data) => (typeof data.recipients === "number" ? `the ${plural(data.recipients, "person", "people")} booked` : "the people booked");
const messageSubject = (data) => (typeof data.subject === "string" && data.subject ? `Subject: ${quote(data.subject)}` : "");

/** "Sat, 21 Dec, 10:00 CET": when the session starts, short, to name it in a sentence. */
function sessionStart(item) {
  const startsAt = item.data?.session?.starts_at;
  return startsAt ? formatShortDateTime(startsAt, clockOf(item)) : null;
}

/** The facilitator's own action (the CRM stores those read): data.actor is the inbox's owner. */
export function isOwnAction(item) {
  const actorId = item.data?.actor?.id;
  return actorId != null && actorId === item.facilitator_id;
}

/** "3 cancelled bookings": what an entry's batch holds, for the button that shows them. */
export function describeBatch(item) {
  const count = item.batch?.count ?? 0;
  if (item.type?.endsWith("_cancelled")) return plural(count, "cancelled booking");
  // A promotion from a waiting list stands for the booking it made.
  return item.type === "waitlist_promoted" ? plural(count, "booking") : plural(count, "related notification");
}

const FIELD_NAMES = { title: "title", description: "description", kind: "kind", location: "location" };

/** "capacity 20 → 12; start Sat, 5 Dec 2026, 09:00 IST → …" from data.changes ({field: {from, to}}), times read as
 *  clock says ({timeZone, label}). */
export function describeChanges(changes, clock = { label: true }) {
  const parts = [];
  for (const [field, change] of Object.entries(changes ?? {})) {
    if (!change || typeof change !== "object" || !("to" in change)) continue;
    if (field === "starts_at") parts.push(`start ${formatDateTime(change.from, clock)} → ${formatDateTime(change.to, clock)}`);
    else if (field === "ends_at") parts.push(`end ${formatDateTime(change.from, clock)} → ${formatDateTime(change.to, clock)}`);
    else if (field === "capacity") parts.push(`capacity ${change.from} → ${change.to}`);
    else if (field === "description") parts.push("description changed");
    else if (FIELD_NAMES[field]) parts.push(`${FIELD_NAMES[field]} ${quote(change.from ?? "")} → ${quote(change.to ?? "")}`);
  }
  return parts.join("; ");
}

/** What the facilitator cancelled: how many people were told, and why. */
function cancellationDetail(changes) {
  const parts = [];
  const told = changes?.bookings_cancelled;
  if (told === 0) parts.push("Nobody had booked");
  else if (typeof told === "number") parts.push(told === 1 ? "1 person was told" : `${told} people were told`);
  if (changes?.reason) parts.push(`Reason: ${changes.reason}`);
  return parts.join(". ");
}

const joinDetail = (...parts) => parts.filter(Boolean).join(" · ");

/** ": 3 bookings cancelled" after "You cancelled …", when anyone had booked. */
function bookingsEnded(changes) {
  const told = changes?.bookings_cancelled;
  return typeof told === "number" && told > 0 ? `: ${plural(told, "booking")} cancelled` : "";
}

/** The reason and "Nobody had booked", the rest of an own cancellation (the sentence says how many). */
function ownCancellationDetail(changes) {
  return joinDetail(changes?.bookings_cancelled === 0 && "Nobody had booked", changes?.reason && `Reason: ${changes.reason}`);
}

/** The facilitator's own changes, in the second person; null for types without a sentence of their own. */
function describeOwn(item, title) {
  const data = item.data ?? {};
  const start = sessionStart(item);
  const theSession = start ? `the ${start} session` : "a session";
  switch (item.type) {
    case "session_created":
      return { sentence: `You added a session to ${title}`, detail: joinDetail(sessionWhen(item)) };
    case "session_updated":
      return { sentence: `You changed ${theSession} of ${title}`, detail: describeChanges(data.changes, clockOf(item)) };
    case "session_cancelled":
      return { sentence: `You cancelled ${theSession} of ${title}${bookingsEnded(data.changes)}`, detail: ownCancellationDetail(data.changes) };
    case "session_message":
      return { sentence: `You emailed ${messageRecipients(data)} in ${theSession} of ${title}`, detail: messageSubject(data) };
    case "event_created":
      return { sentence: `You created ${title}`, detail: "" };
    case "event_updated":
      return { sentence: `You updated ${title}`, detail: describeChanges(data.changes) };
    case "event_cancelled":
      return { sentence: `You cancelled ${title}${bookingsEnded(data.changes)}`, detail: ownCancellationDetail(data.changes) };
    default:
      return null;
  }
}

/** {sentence, detail}: the headline and a secondary line (may be empty). */
export function describeNotification(item) {
  const title = eventTitle(item);
  const own = isOwnAction(item) ? describeOwn(item, title) : null;
  if (own) return own;
  const who = personName(item);
  const when = sessionWhen(item);
  const data = item.data ?? {};
  switch (item.type) {
    case "booking_created":
      return { sentence: `${who} booked ${title}`, detail: joinDetail(data.from_waitlist && "From the waiting list", when && `Session: ${when}`) };
    case "booking_cancelled":
      return data.cancel_reason
        ? { sentence: `${who}'s booking for ${title} was cancelled`, detail: joinDetail(`Reason: ${data.cancel_reason}`, when && `Session: ${when}`) }
        : { sentence: `${who} cancelled their booking for ${title}`, detail: joinDetail(when && `Session: ${when}`) };
    case "booking_reactivated":
      return { sentence: `${who} reactivated their booking for ${title}`, detail: joinDetail(when && `Session: ${when}`) };
    case "session_created":
      return { sentence: `A session was added to ${title}`, detail: joinDetail(when) };
    case "session_updated":
      return { sentence: `A session of ${title} was changed`, detail: joinDetail(describeChanges(data.changes, clockOf(item)), when && `Now: ${when}`) };
    case "session_cancelled":
      return { sentence: `A session of ${title} was cancelled`, detail: joinDetail(when, cancellationDetail(data.changes)) };
    case "event_created":
      return { sentence: `${title} was created`, detail: "" };
    case "event_updated":
      return { sentence: `${title} was updated`, detail: describeChanges(data.changes) };
    case "event_cancelled":
      return { sentence: `${title} was cancelled`, detail: cancellationDetail(data.changes) };
    case "session_message":
      return { sentence: `A message went to ${messageRecipients(data)} in a session of ${title}`, detail: joinDetail(messageSubject(data), when) };
    default:
      // A type this page does not know yet (a newer sender): the CRM's own message, else the type in words.
      return { sentence: (typeof item.message === "string" && item.message) || String(item.type || "notification").replace(/[_.]/g, " "), detail: "" };
  }
}

/** "5 minutes ago", up to a week back; after that the date and time (shared: the mailbox shows them too). */
export { timeAgo } from "../../lib/format.js";
