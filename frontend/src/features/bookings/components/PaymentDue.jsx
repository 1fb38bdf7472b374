/** A booking whose payment is awaited, on its card in My bookings: the time left on the held seat (live) and the way
 *  to the provider's checkout. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../../lib/paths.js";
import { useSecondsUntil } from "../../../lib/use-countdown.js";
import { minutesLeftText } from "../payment-status.js";

/** booking: pending_payment, with payment {checkout_url, expires_at}; describedBy: ids naming the booking. */
export function PaymentDue({ booking, describedBy }) {
  const { t } = useTranslation("bookings");
  const seconds = useSecondsUntil(booking.payment?.expires_at);
  return (
    <>
      <p className="booking-payment warn">
        {seconds === null ? t("pay.awaiting") : t("pay.awaitingTimeLeft", { left: minutesLeftText(seconds) })}
      </p>
      <PayNowLink booking={booking} describedBy={describedBy} />
    </>
  );
}

/** "Pay now": the provider's page when the booking has one; else the return page, which asks for a fresh checkout. */
export function PayNowLink({ booking, describedBy }) {
  const { t } = useTranslation("bookings");
  const checkout = booking.payment?.checkout_url;
  return checkout ? (
    <a className="button primary small" href={checkout} aria-describedby={describedBy}>
      {t("pay.now")}
    </a>
  ) : (
    <Link className="button primary small" to={paths.bookingPayment(booking.id)} aria-describedby={describedBy}>
      {t("pay.now")}
    </Link>
  );
}
