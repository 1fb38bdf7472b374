/** A retreat's money on its event's staff page (events with a payment plan): received, refunded, kept, and
 *  what plans still owe (overdue among it), in total and per booking. */
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { formatDate } from "../../../lib/format.js";
import { formatMoney } from "../../../lib/money.js";
import { useEventMoney } from "../api.js";

export function MoneySection({ event }) {
  const query = useEventMoney(event.id, { enabled: Boolean(event.payment_plan) });
  if (!event.payment_plan) return null;
  const money = query.data;
  return (
    <section aria-labelledby="event-money-heading" className="session-section money-section">
      <h2 id="event-money-heading">Money</h2>
      {query.isPending && <Loading label="Adding up payments…" />}
      {query.isError && <ErrorMessage error={query.error} title="The money could not be loaded." onRetry={() => query.refetch()} />}
      {money && (
        <>
          <dl className="money-totals">
            {[
              ["Received", money.formatted.received],
              ["Refunded", money.formatted.refunded],
              ["Kept", money.formatted.kept],
              ["Outstanding", money.formatted.outstanding],
              ["Overdue", money.formatted.overdue],
            ].map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          {money.bookings.length > 0 ? (
            <table className="money-table">
              <caption>Per booking</caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Status</th>
                  <th scope="col">Received</th>
                  <th scope="col">Outstanding</th>
                  <th scope="col">Next due</th>
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
                      {row.overdue > 0 && <span className="pill warn">overdue {formatMoney(row.overdue, money.currency)}</span>}
                    </td>
                    <td>{row.next_due_at ? formatDate(row.next_due_at, { timeZone: event.timezone }) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">No payments yet.</p>
          )}
        </>
      )}
    </section>
  );
}
