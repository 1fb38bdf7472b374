/** A retreat's money on its event's staff page (events with a payment plan): received, refunded, kept, and
 *  what plans still owe (overdue among it), in total and per booking. */
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { formatDate } from "../../../lib/format.js";
import { formatMoney } from "../../../lib/money.js";
import { useEventMoney } from "../api.js";

/** The totals in order: [label's key, field of the API's formatted sums]. */
const TOTALS = [
  ["money.received", "received"],
  ["money.refunded", "refunded"],
  ["money.kept", "kept"],
  ["money.outstanding", "outstanding"],
  ["money.overdue", "overdue"],
];

export function MoneySection({ event }) {
  const { t } = useTranslation("programme");
  const query = useEventMoney(event.id, { enabled: Boolean(event.payment_plan) });
  if (!event.payment_plan) return null;
  const money = query.data;
  return (
    <section aria-labelledby="event-money-heading" className="session-section money-section">
      <h2 id="event-money-heading">{t("money.heading")}</h2>
      {query.isPending && <Loading label={t("money.loading")} />}
      {query.isError && <ErrorMessage error={query.error} title={t("money.loadFailed")} onRetry={() => query.refetch()} />}
      {money && (
        <>
          <dl className="money-totals">
            {TOTALS.map(([label, field]) => (
              <div key={label}>
                <dt>{t(label)}</dt>
                <dd>{money.formatted[field]}</dd>
              </div>
            ))}
          </dl>
          {money.bookings.length > 0 ? (
            <table className="money-table">
              <caption>{t("money.perBooking")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("money.person")}</th>
                  <th scope="col">{t("money.status")}</th>
                  <th scope="col">{t("money.received")}</th>
                  <th scope="col">{t("money.outstanding")}</th>
                  <th scope="col">{t("money.nextDue")}</th>
                </tr>
              </thead>
              <tbody>
                {money.bookings.map((row) => (
                  <tr key={row.booking_id}>
                    <th scope="row">{row.name}</th>
                    <td>{row.status}</td>
                    <td>{formatMoney(row.received - row.refunded, money.currency)}</td>
                    <td>
                      {formatMoney(row.outstanding, money.currency)}
                      {row.overdue > 0 && <span className="pill warn">{t("money.overdueAmount", { amount: formatMoney(row.overdue, money.currency) })}</span>}
                    </td>
                    <td>{row.next_due_at ? formatDate(row.next_due_at, { timeZone: event.timezone }) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">{t("money.none")}</p>
          )}
        </>
      )}
    </section>
  );
}
