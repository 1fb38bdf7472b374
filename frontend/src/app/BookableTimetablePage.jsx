/** The timetable feature's week with the bookings feature's booking flow on each session: the same dialogs as an
 *  event page (the person's passes from the passes feature offered too), each session bringing its own event. */
import { EventBooking } from "../features/bookings/components/EventBooking.jsx";
import { TimetablePage } from "../features/events/components/TimetablePage.jsx";
import { useOwnedPasses } from "../features/passes/api.js";

export function BookableTimetablePage() {
  const passes = useOwnedPasses();
  const withBooking = (week) => <EventBooking sessionsTable={week} passes={passes.data} />;
  return <TimetablePage renderWeek={withBooking} />;
}
