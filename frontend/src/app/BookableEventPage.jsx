/** The events feature's event page with the bookings feature's booking flow under its "Sessions" heading (offering the
 *  person's passes from the passes feature), and the passes on sale for the event after them. */
import { EventBooking } from "../features/bookings/components/EventBooking.jsx";
import { EventPage } from "../features/events/components/EventPage.jsx";
import { useOwnedPasses } from "../features/passes/api.js";
import { PassShop } from "../features/passes/components/PassShop.jsx";

const withPassShop = (event) => <PassShop event={event} />;

export function BookableEventPage() {
  const passes = useOwnedPasses();
  const withBooking = (event, sessionsTable) => <EventBooking event={event} sessionsTable={sessionsTable} passes={passes.data} />;
  return <EventPage renderSessions={withBooking} renderAfterSessions={withPassShop} />;
}
