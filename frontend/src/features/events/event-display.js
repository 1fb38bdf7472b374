/** How an event and its sessions read on screen: kind names, date spans, availability, seats and waiting lists. */
import { eventTimes, formatDate, sameDay, toZonedInput } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";
import { formatMoney, taxNote } from "../../lib/money.js";

/** The keys of the kinds' names (said in the reader's language where shown). */
const KIND_LABELS = { session: "events:kind.session", retreat: "events:kind.retreat" };

export const kindLabel = (kind) => (KIND_LABELS[kind] ? t(KIND_LABELS[kind]) : kind);

export const isCancelled = (item) => item?.status === "cancelled";

export function sortedSessions(event) {
  return [...(event?.sessions ?? [])].sort((a, b) => new Date(a.starts_at) - new Date(b.starts_at));
}

/**
 * When an event runs, in its own zone: {text, viewerText} as eventTimes gives them. One day reads with its times
 * ("Mon, 23 Nov 2026, 18:00 – 19:00 IST", and the viewer's time when it differs), several days as a span of dates
 * there ("Mon, 23 Nov 2026 – Mon, 7 Dec 2026").
 */
export function eventDates(event, { viewerZone } = {}) {
  const { starts_at: start, ends_at: end, timezone: timeZone } = event;
  if (!start) return { text: "", viewerText: null };
  if (!end || sameDay(start, end, { timeZone, viewerZone })) return eventTimes(start, end, timeZone, { viewerZone });
  return { text: `${formatDate(start, { timeZone, viewerZone })} – ${formatDate(end, { timeZone, viewerZone })}`, viewerText: null };
}

/**
 * Whether a session can take a booking now, and if not, why (as shown in the table). waitlist: true for a full
 * session still ahead, whose waiting list one can join.
 */
export function sessionAvailability(session, event, now = Date.now()) {
  if (isCancelled(session) || isCancelled(event)) return { bookable: false, waitlist: false, label: t("events:availability.cancelled"), tone: "cancelled" };
  if (new Date(session.starts_at).getTime() <= now) return { bookable: false, waitlist: false, label: t("events:availability.started"), tone: "" };
  if (session.seats_left <= 0) return { bookable: false, waitlist: true, label: t("events:availability.full"), tone: "warn" };
  return { bookable: true, waitlist: false, label: t("events:availability.seatsLeft", { count: session.seats_left }), tone: "ok" };
}

/** Who teaches an event, as its meta line says it: the names of its sessions' instructors (each once, in session
 *  order), else its facilitator's. */
export function teachersOf(event) {
  const names = [...new Set(sortedSessions(event).map((session) => session.instructor?.name).filter(Boolean))];
  if (names.length) return names.join(", ");
  return event.facilitator?.name ?? "";
}

/** "3 waiting" when people wait for a seat in the session, else null (an answer without the count: nobody). */
export const waitingLabel = (session) => (session.waiting > 0 ? t("events:availability.waiting", { count: session.waiting }) : null);

/**
 * An event card's seats, per session and never summed: {label, tone}. "12 seats left" when one session has seats,
 * "3 to 10 seats left" (the fewest to the most) or "2 seats left in each" when several do, "Full — join the waiting list" when every session still ahead
 * is full, "Booking closed" when none is ahead.
 */
export function seatsSummary(event, now = Date.now()) {
  const ahead = sortedSessions(event).filter((session) => {
    const availability = sessionAvailability(session, event, now);
    return availability.bookable || availability.waitlist;
  });
  if (ahead.length === 0) return { label: t("events:seats.closed"), tone: "" };
  const seats = ahead.filter((session) => session.seats_left > 0).map((session) => session.seats_left);
  if (seats.length === 0) return { label: t("events:seats.full"), tone: "warn" };
  if (seats.length === 1) return { label: t("events:availability.seatsLeft", { count: seats[0] }), tone: "ok" };
  const [fewest, most] = [Math.min(...seats), Math.max(...seats)];
  // A range, not "from 3 seats left": "from" reads as a price beside the card's "from ₹800".
  if (fewest === most) return { label: t("events:seats.leftInEach", { count: fewest }), tone: "ok" };
  return { label: t("events:seats.range", { fewest, most }), tone: "ok" };
}

/** A session's price as the table shows it: "₹800", "₹800 + 18% GST" (its studio adds a tax: the event's
 *  tax_added), "Free"; "" when the answer carries none. */
export function sessionPrice(session, taxAdded = null) {
  const price = formatMoney(session.price, session.currency);
  return session.price > 0 && taxAdded ? `${price} ${taxNote(taxAdded)}` : price;
}

/**
 * An event card's price: "Free" when every session is, "₹800" when all cost the same, "from ₹800" (the lowest) when
 * they differ, "Free or from ₹800" when some are free. Judged on the sessions one can still book or wait for (all
 * of those not cancelled when none is); null when the sessions carry no prices.
 */
export function priceSummary(event, now = Date.now()) {
  const standing = sortedSessions(event).filter((session) => !isCancelled(session) && Number.isFinite(session.price));
  const ahead = standing.filter((session) => {
    const availability = sessionAvailability(session, event, now);
    return availability.bookable || availability.waitlist;
  });
  const sessions = ahead.length ? ahead : standing;
  if (sessions.length === 0) return null;
  const paid = sessions.filter((session) => session.price > 0);
  if (paid.length === 0) return t("events:price.free");
  // Prices in another currency than the first paid session's can't be compared with it: they are left out.
  const { currency } = paid[0];
  const prices = paid.filter((session) => session.currency === currency).map((session) => session.price);
  const lowest = [formatMoney(Math.min(...prices), currency), taxNote(event.tax_added)].filter(Boolean).join(" ");
  if (paid.length < sessions.length) return t("events:price.freeOrFrom", { price: lowest });
  return prices.every((price) => price === prices[0]) && prices.length === paid.length ? lowest : t("events:price.from", { price: lowest });
}

/** The calendar day an ISO time falls on in a zone, as a count of days (for differences). */
const dayNumber = (iso, timeZone) => {
  const [year, month, day] = toZonedInput(iso, timeZone).slice(0, 10).split("-").map(Number);
  return Date.UTC(year, month - 1, day) / 86_400_000;
};

/**
 * How long an event runs, for its card: "3 sessions"; a retreat of one session reads as a stay, in nights on its
 * own clocks ("5 nights", or "One day"), not as "1 session".
 */
export function eventLength(event) {
  const sessions = sortedSessions(event).filter((session) => !isCancelled(session));
  if (event.kind !== "retreat" || sessions.length !== 1) return t("events:length.sessions", { count: sessions.length });
  const [{ starts_at: start, ends_at: end }] = sessions;
  const nights = end ? dayNumber(end, event.timezone) - dayNumber(start, event.timezone) : 0;
  return nights > 0 ? t("events:length.nights", { count: nights }) : t("events:length.oneDay");
}

/** "Ages 5–10", "Ages 5 and up", "Up to age 12": the ages an event takes (bookings outside them are refused), or null. */
export function ageRange(event) {
  const low = event?.min_age ?? null;
  const high = event?.max_age ?? null;
  if (low !== null && high !== null) return t("events:ages.between", { low, high });
  if (low !== null) return t("events:ages.from", { low });
  return high === null ? null : t("events:ages.upTo", { high });
}
