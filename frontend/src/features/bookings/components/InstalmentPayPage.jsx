/** /bookings/:bookingId/instalments/:number/pay, an instalment email's pay link: asks for a checkout of exactly that
 *  instalment and goes to it; says why when it cannot (paid already, or no longer due). */
import { useEffect, useRef } from "react";
import { Link, useParams } from "react-router";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { leaveApp } from "../../../lib/leave-app.js";
import { paths } from "../../../lib/paths.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { usePayInstalment } from "../api.js";

const REASONS = {
  instalment_paid: "This instalment is paid already. Thank you!",
  instalment_not_due: "This instalment is no longer due: the booking has ended.",
  instalment_not_found: "This booking has no such instalment. The link may be wrong.",
  booking_not_found: "This booking doesn't exist, or it belongs to another account.",
};

export function InstalmentPayPage() {
  const { bookingId, number } = useParams();
  const pay = usePayInstalment();
  const asked = useRef(false);
  usePageTitle("Pay an instalment");
  useEffect(() => {
    if (asked.current) return; // once, even when React runs effects twice in development
    asked.current = true;
    pay.mutate({ bookingId, number }, { onSuccess: (checkout) => leaveApp.go(checkout.checkout_url) });
  }, [bookingId, number, pay]);
  const known = pay.error && REASONS[pay.error.code];
  return (
    <section className="page">
      <h1>Instalment {number}</h1>
      {pay.isError ? (
        <ErrorMessage error={known ? { message: known } : pay.error} title="The checkout could not be opened." />
      ) : (
        <Loading label="Opening the checkout…" />
      )}
      <p>
        <Link to={paths.myBookings}>See your bookings</Link>
      </p>
    </section>
  );
}
