/** The timetable feature's week with the bookings feature's booking flow on each session: the same dialogs as an
 *  event page, each session bringing its own event. */
import { EventBooking } from "../features/bookings/components/EventBooking.jsx";
import { TimetablePage } from "../features/events/components/TimetablePage.jsx";

const withBooking = (week) => <EventBooking sessionsTable={week} />;

export function BookableTimetablePage() {
  return <TimetablePage renderWeek={withBooking} />;
}
