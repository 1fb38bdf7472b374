/** A booking's payment plan on its card in My bookings: the deposit and each instalment with its due date and status,
 *  what is paid and still to pay, and "Pay now" on the next one due (a checkout for exactly that instalment). */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { leaveApp } from "../../../lib/leave-app.js";
import { usePayInstalment } from "../api.js";
import { planRows, planSummary } from "../payment-plan.js";

export function PaymentPlan({ booking, describedBy }) {
  const { t } = useTranslation("bookings");
  const plan = booking.payment_plan;
  const pay = usePayInstalment();
  const [error, setError] = useState(null);
  if (!plan) return null;
  const rows = planRows(plan, booking.event?.timezone);
  const payNow = (number) => {
    setError(null);
    pay.mutate(
      { bookingId: booking.id, number },
      { onSuccess: (checkout) => leaveApp.go(checkout.checkout_url), onError: (failed) => setError(failed.message) },
    );
  };
  const active = booking.status === "active";
  return (
    <div className="payment-plan">
      <table className="plan-table">
        <caption>{t("plan.caption", { summary: planSummary(plan) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("plan.payment")}</th>
            <th scope="col">{t("plan.amount")}</th>
            <th scope="col">{t("plan.dueDate")}</th>
            <th scope="col">{t("plan.status")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.number}>
              <th scope="row">{row.label}</th>
              <td>{row.amount}</td>
              <td>{row.due}</td>
              <td>
                <span className={`pill ${row.tone}`}>{row.status}</span>
                {active && row.payable && (
                  <button type="button" className="button primary small" onClick={() => payNow(row.number)} disabled={pay.isPending} aria-describedby={describedBy}>
                    {pay.isPending ? t("plan.openingCheckout") : t("pay.now")}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && (
        <p className="booking-payment warn" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
