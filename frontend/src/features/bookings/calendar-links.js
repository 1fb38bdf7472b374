/** Adding a booking to a calendar app: the Google Calendar link ("create an event" template) and what goes in it. */
import { t } from "../../lib/i18n.js";

export const GOOGLE_CALENDAR_URL = "https://calendar.google.com/calendar/render";

/** "20261125T073000Z": an ISO time in UTC as Google Calendar's dates parameter wants it; null when not a time. */
export function utcStamp(iso) {
  const time = iso ? new Date(iso) : null;
  if (!time || Number.isNaN(time.getTime())) return null;
  return time.toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
}

/**
 * The link that opens Google Calendar with a new event filled in: title, start and end (ISO times, sent in UTC),
 * details, location and timeZone (the zone Google shows it in: the event's). Every value is URL-encoded; empty
 * ones are left out. null without a start time; without an end the event gets no length.
 */
export function googleCalendarUrl({ title, start, end, details, location, timeZone }) {
  const from = utcStamp(start);
  if (!from) return null;
  const to = utcStamp(end) ?? from;
  const encode = encodeURIComponent;
  const query = [
    "action=TEMPLATE",
    title && `text=${encode(title)}`,
    // The slash between the two times is the format's own; the times are digits, T and Z, nothing to encode.
    `dates=${from}/${to}`,
    details && `details=${encode(details)}`,
    location && `location=${encode(location)}`,
    timeZone && `ctz=${encode(timeZone)}`,
  ]
    .filter(Boolean)
    .join("&");
  return `${GOOGLE_CALENDAR_URL}?${query}`;
}

/** A booking ({session, event}, as GET /bookings lists them) as a calendar entry; bookingsUrl: My bookings, absolute. */
export function bookingCalendarEntry(booking, { bookingsUrl } = {}) {
  const event = booking.event ?? {};
  const facilitator = event.facilitator?.name;
  const details = [facilitator && t("bookings:calendar.with", { name: facilitator }), bookingsUrl && t("bookings:calendar.yourBooking", { url: bookingsUrl })].filter(Boolean).join("\n");
  return {
    title: event.title ?? t("bookings:calendar.bookedSession"),
    start: booking.session?.starts_at,
    end: booking.session?.ends_at,
    details,
    location: event.location ?? "",
    timeZone: event.timezone ?? "",
  };
}

/** The ICS download of one booking (GET, the owner's token) and the name it is saved under. */
export const bookingCalendarPath = (bookingId) => `/bookings/${encodeURIComponent(bookingId)}/calendar.ics`;
export const bookingCalendarFilename = (bookingId) => `booking-${bookingId}.ics`;
