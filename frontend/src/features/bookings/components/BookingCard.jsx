/** One booking: event, time, how it is attended (online, or online and in person), "Join online" when it has a join
 *  link, status, what was paid and refunded (or that a pass paid) (or the time left to pay), its reminder emails, why it
 *  ended, the actions it allows, and adding it to a calendar. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EventTime } from "../../../components/EventTime.jsx";
import { InvoiceButton } from "../../../components/InvoiceButton.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { canAddToCalendar, canCancel, canReactivate, cancellationNote, cancelledBy, placeAndTeacher } from "../booking-status.js";
import { needsPaymentToReactivate, paymentLines, reactivatePaymentText, statusPill } from "../payment-status.js";
import { sessionModeText } from "../../../lib/session-mode.js";
import { AddToCalendar } from "./AddToCalendar.jsx";
import { GuestList } from "./GuestList.jsx";
import { PaymentDue } from "./PaymentDue.jsx";
import { PaymentPlan } from "./PaymentPlan.jsx";
import { ReminderLine } from "./ReminderLine.jsx";

/** renderActions(booking, describedBy): more actions for the booking (null for none), on a line of their own. */
/** Whether any of the booking's money came back (its payment's refund, part given back by the studio, a guest's
 *  seat): it has a credit note. */
const refunded = (booking) =>
  booking.payment?.refund_status === "processed" || booking.payment?.staff_refunded > 0 || (booking.guests ?? []).some((guest) => guest.refund_status === "processed");

export function BookingCard({ booking, onCancel, onCancelGuest, onReactivate, busy, renderActions }) {
  const { t } = useTranslation("bookings");
  const titleId = `booking-${booking.id}-title`;
  const whenId = `booking-${booking.id}-when`;
  const noteId = `booking-${booking.id}-pay-note`;
  const [statusLabel, statusTone] = statusPill(booking);
  const pending = booking.status === "pending_payment";
  const requested = booking.status === "pending_approval";
  const note = cancellationNote(booking);
  const payNote = canReactivate(booking) ? reactivatePaymentText(booking) : null;
  const event = booking.event ?? {};
  const describedBy = `${titleId} ${whenId}`;
  const more = renderActions?.(booking, describedBy) ?? null;
  const mode = sessionModeText(booking.session?.mode);
  return (
    <li className="card booking-card">
      <article aria-labelledby={titleId}>
        <div className="booking-card-head">
          <h3 id={titleId}>
            <Link to={paths.bookedEvent(booking)}>{event.title ?? t("card.event")}</Link>
          </h3>
          <span className={`pill ${statusTone}`}>{statusLabel}</span>
        </div>
        <p id={whenId} className="booking-when">
          <EventTime start={booking.session?.starts_at} end={booking.session?.ends_at} timeZone={event.timezone} />
        </p>
        {placeAndTeacher(booking.session, event) && <p className="muted small-text">{placeAndTeacher(booking.session, event)}</p>}
        {mode && <p className="booking-mode">{mode}</p>}
        {booking.for && <p className="booking-for">{t("card.forChild", { name: booking.for.name })}</p>}
        {booking.option && <p className="booking-option">{t("card.room", { name: booking.option.name })}</p>}
        {booking.pass_id != null && <p className="booking-pass">{t("card.withPass")}</p>}
        {requested && (
          <p className="booking-payment warn">
            {event.facilitator?.name
              ? t("card.awaitingApprovalBy", { name: event.facilitator.name, until: formatDateTime(booking.hold_expires_at, { label: true }) })
              : t("card.awaitingApproval", { until: formatDateTime(booking.hold_expires_at, { label: true }) })}
          </p>
        )}
        {paymentLines(booking).map((line) => (
          <p key={line.text} className={`booking-payment ${line.tone}`}>
            {line.text}
          </p>
        ))}
        {booking.amount_paid > 0 && (
          <div className="actions">
            <InvoiceButton bookingId={booking.id} describedBy={describedBy} />
            {refunded(booking) && <InvoiceButton bookingId={booking.id} kind="credit_note" describedBy={describedBy} />}
          </div>
        )}
        <PaymentPlan booking={booking} describedBy={describedBy} />
        <GuestList booking={booking} onCancelGuest={onCancelGuest} busy={busy} describedBy={describedBy} />
        <ReminderLine booking={booking} />
        {note && <p className={`booking-note${cancelledBy(booking) === "facilitator" ? " by-facilitator" : ""}`}>{note}</p>}
        {booking.join_url && (
          <div className="actions">
            {/* The app's own join page (join_url is its absolute address): it opens the class's video link. */}
            <Link to={paths.join(booking.id)} className="button primary small" aria-describedby={describedBy}>
              {t("card.joinOnline")}
            </Link>
          </div>
        )}
        {canAddToCalendar(booking) && <AddToCalendar booking={booking} describedBy={describedBy} />}
        {more && <div className="actions">{more}</div>}
        {pending && (
          <div className="actions">
            <PaymentDue booking={booking} describedBy={describedBy} />
            {canCancel(booking) && (
              <button type="button" className="button secondary small" onClick={() => onCancel(booking)} disabled={busy} aria-describedby={describedBy}>
                {t("card.cancel")}
              </button>
            )}
          </div>
        )}
        {!pending && canCancel(booking) && (
          <div className="actions">
            <button type="button" className="button secondary small" onClick={() => onCancel(booking)} disabled={busy} aria-describedby={describedBy}>
              {requested ? t("card.withdraw") : t("card.cancelBooking")}
            </button>
          </div>
        )}
        {payNote && (
          <p id={noteId} className="muted small-text">
            {payNote}
          </p>
        )}
        {canReactivate(booking) && (
          <div className="actions">
            <button type="button" className="button primary small" onClick={() => onReactivate(booking)} disabled={busy} aria-describedby={payNote ? `${describedBy} ${noteId}` : describedBy}>
              {busy ? t("card.reactivating") : needsPaymentToReactivate(booking) ? t("card.reactivateAndPay") : t("card.reactivate")}
            </button>
          </div>
        )}
      </article>
    </li>
  );
}
