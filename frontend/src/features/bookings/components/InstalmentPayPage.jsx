/** /bookings/:bookingId/instalments/:number/pay, an instalment email's pay link: asks for a checkout of exactly that
 *  instalment and goes to it; says why when it cannot (paid already, or no longer due). */
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { leaveApp } from "../../../lib/leave-app.js";
import { paths } from "../../../lib/paths.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { usePayInstalment } from "../api.js";

/** Our words for the refusals, by code (catalogue keys). */
const REASONS = {
  instalment_paid: "instalment.alreadyPaid",
  instalment_not_due: "instalment.notDue",
  instalment_not_found: "instalment.notFound",
  booking_not_found: "instalment.bookingNotFound",
};

export function InstalmentPayPage() {
  const { t } = useTranslation("bookings");
  const { bookingId, number } = useParams();
  const pay = usePayInstalment();
  const asked = useRef(false);
  usePageTitle(t("instalment.payTitle"));
  useEffect(() => {
    if (asked.current) return; // once, even when React runs effects twice in development
    asked.current = true;
    pay.mutate({ bookingId, number }, { onSuccess: (checkout) => leaveApp.go(checkout.checkout_url) });
  }, [bookingId, number, pay]);
  const known = pay.error && REASONS[pay.error.code];
  return (
    <section className="page">
      <h1>{t("instalment.heading", { number })}</h1>
      {pay.isError ? (
        <ErrorMessage error={known ? { message: t(known) } : pay.error} title={t("instalment.checkoutError")} />
      ) : (
        <Loading label={t("instalment.openingCheckout")} />
      )}
      <p>
        <Link to={paths.myBookings}>{t("instalment.seeBookings")}</Link>
      </p>
    </section>
  );
}
