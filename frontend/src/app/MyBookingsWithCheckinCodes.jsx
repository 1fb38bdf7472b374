/** The bookings feature's My bookings with the check-in feature's "Check-in code" on each booking that is on. */
import { MyBookingsPage } from "../features/bookings/components/MyBookingsPage.jsx";
import { CheckinCodesButton } from "../features/checkin/components/CheckinCodes.jsx";
import { hasCheckinCodes } from "../features/checkin/tickets.js";

const checkinCodes = (booking, describedBy) => (hasCheckinCodes(booking) ? <CheckinCodesButton booking={booking} describedBy={describedBy} /> : null);

export function MyBookingsWithCheckinCodes() {
  return <MyBookingsPage renderActions={checkinCodes} />;
}
