/** Sending a booking that awaits its payment to the provider's hosted checkout page. */
import { leaveApp } from "../../lib/leave-app.js";
import { paths } from "../../lib/paths.js";

/** To the booking's checkout_url (a full page load: the provider's site); without one, to the page that waits for
 *  the payment, which offers a fresh checkout. navigate: the router's. */
export function goToCheckout(booking, navigate) {
  const url = booking?.payment?.checkout_url;
  if (url) leaveApp.go(url);
  else navigate(paths.bookingPayment(booking.id));
}
