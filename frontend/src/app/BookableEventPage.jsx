/** The events feature's event page with the bookings feature's booking flow under its "Sessions" heading, and the
 *  passes feature's passes on sale for the event after them. */
import { EventBooking } from "../features/bookings/components/EventBooking.jsx";
import { EventPage } from "../features/events/components/EventPage.jsx";
import { PassShop } from "../features/passes/components/PassShop.jsx";

const withBooking = (event, sessionsTable) => <EventBooking event={event} sessionsTable={sessionsTable} />;
const withPassShop = (event) => <PassShop event={event} />;

export function BookableEventPage() {
  return <EventPage renderSessions={withBooking} renderAfterSessions={withPassShop} />;
}
