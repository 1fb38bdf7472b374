/** The events feature's event page with the bookings feature's booking flow under its "Sessions" heading. */
import { EventBooking } from "../features/bookings/components/EventBooking.jsx";
import { EventPage } from "../features/events/components/EventPage.jsx";

const withBooking = (event, sessionsTable) => <EventBooking event={event} sessionsTable={sessionsTable} />;

export function BookableEventPage() {
  return <EventPage renderSessions={withBooking} />;
}
