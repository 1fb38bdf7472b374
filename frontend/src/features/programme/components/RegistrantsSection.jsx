/** Who booked a session (cancelled bookings too) with where each one's payment stands, each one's attendance once
 *  taken (with its correction), and the same list as a CSV download. A name opens that person's history. When they booked or cancelled reads in the viewer's zone, labelled. Beside it, who waits for a seat, in
 *  line order. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { formatAmount } from "../../../lib/money.js";
import { useStudio } from "../../../lib/studio.jsx";
import { useDownloadRegistrants } from "../api.js";
import { registrantPayment, registrantStatus } from "../wording.js";
import { AttendanceCell } from "./AttendanceCell.jsx";
import { RefundDialog } from "./RefundDialog.jsx";

function RegistrantStatus({ registrant }) {
  const { t } = useTranslation("programme");
  const cancelled = registrant.status === "cancelled";
  const [label, tone] = registrantStatus(registrant);
  return (
    <div className="registrant-status">
      <span className={`pill ${tone}`}>{label}</span>
      {cancelled && registrant.cancelled_at && <span className="registrant-note muted small-text">{t("registrants.cancelledOn", { when: formatDateTime(registrant.cancelled_at, { label: true }) })}</span>}
      {cancelled && registrant.cancel_reason && <span className="registrant-note small-text">{t("registrants.reason", { reason: registrant.cancel_reason })}</span>}
    </div>
  );
}

/** Whether staff may refund this line's payment: paid (through the provider, or in person), something left of it. */
const refundable = (registrant) => Boolean(registrant.refund_payment_id) && registrant.amount_paid > 0;

function RegistrantPayment({ registrant, onRefund }) {
  const { t } = useTranslation("programme");
  const { label, amount, tone } = registrantPayment(registrant);
  if (tone === null) return <span className="muted">{label}</span>;
  return (
    <div className="registrant-status">
      <span className={`pill ${tone}`}>{label}</span>
      {amount && <span className="registrant-note small-text">{amount}</span>}
      {onRefund && refundable(registrant) && (
        <button type="button" className="button secondary small" onClick={() => onRefund(registrant)}>
          {t("registrants.refund")} <span className="visually-hidden">{registrant.name}</span>
        </button>
      )}
    </div>
  );
}

/** The guests a booker brought, under their name: those coming, then those whose seat was given back. */
function RegistrantGuests({ guests = [] }) {
  const { t } = useTranslation("programme");
  if (guests.length === 0) return null;
  return (
    <ul className="registrant-guests small-text" aria-label={t("registrants.guests")}>
      {guests.map((guest) => (
        <li key={guest.id} className={guest.status === "active" ? undefined : "muted"}>
          + {guest.name}
          {guest.email && <span className="muted"> ({guest.email})</span>}
          {guest.status !== "active" && ` · ${t("registrants.seatGivenBack")}`}
        </li>
      ))}
    </ul>
  );
}

const holdsSeats = (registrant) => ["active", "pending_payment", "pending_approval"].includes(registrant.status);

/** A registrant's name: a button opening their history when the page offers it. */
function RegistrantName({ registrant, onOpenPerson }) {
  if (!onOpenPerson || !registrant.user_id) return registrant.name;
  return (
    <button type="button" className="button-link person-link" onClick={() => onOpenPerson(registrant)}>
      {registrant.name}
    </button>
  );
}

/** registrants: the session's bookings; seats: the seats they hold (a booking for three is three); closed: attendance
 *  is set (its corrections are offered); onOpenPerson(registrant): shows a person's history. */
export function RegistrantsSection({ sessionId, registrants, seats, closed = false, onOpenPerson }) {
  const { t } = useTranslation("programme");
  const download = useDownloadRegistrants(sessionId);
  const showAttendance = closed || registrants.some((registrant) => registrant.attendance);
  const showRooms = registrants.some((registrant) => registrant.option); // a session with room options
  const active = registrants.filter(holdsSeats).length;
  const cancelled = registrants.length - active;
  // Refunds are a studio's (refunds.make): a facilitator's seed routes have no refund route.
  const { studio, can } = useStudio();
  const [refunding, setRefunding] = useState(null);
  const [notice, setNotice] = useState(null);
  const onRefund = studio && can("refunds.make") ? setRefunding : undefined;
  const refunded = (refund) => {
    setRefunding(null);
    const values = { amount: formatAmount(refund.amount, refund.currency), name: refunding.name };
    const given = refunding.paid_in_person ? t("registrants.refundedInPerson", values) : t("registrants.refundedOnline", values);
    setNotice(refund.booking_cancelled ? `${given} ${t("registrants.bookingCancelled")}` : given);
  };
  return (
    <section aria-labelledby="registrants-heading" className="session-section">
      <div className="section-head">
        <h2 id="registrants-heading">{t("registrants.heading")}</h2>
        <button type="button" className="button secondary small" onClick={() => !download.isPending && download.mutate()} aria-disabled={download.isPending || undefined} aria-busy={download.isPending}>
          {t("registrants.download")}
        </button>
      </div>
      <ErrorMessage error={download.error} title={t("registrants.downloadFailed")} />
      <SuccessMessage>{notice}</SuccessMessage>
      {refunding && <RefundDialog registrant={refunding} onDone={refunded} onCancel={() => setRefunding(null)} />}
      {registrants.length === 0 ? (
        <EmptyState title={t("registrants.none")} />
      ) : (
        <>
          <p className="registrant-count">
            {t("registrants.count", { active, seats, cancelled, withSeats: seats > active ? "yes" : "no", withCancelled: cancelled > 0 ? "yes" : "no" })}
          </p>
          <div className="table-wrap">
            <table className="table-stack registrants-table">
              <thead>
                <tr>
                  <th scope="col">{t("registrants.name")}</th>
                  <th scope="col">{t("registrants.email")}</th>
                  <th scope="col">{t("registrants.seats")}</th>
                  {showRooms && <th scope="col">{t("registrants.room")}</th>}
                  <th scope="col">{t("registrants.bookedAt")}</th>
                  <th scope="col">{t("registrants.status")}</th>
                  <th scope="col">{t("registrants.payment")}</th>
                  {showAttendance && <th scope="col">{t("registrants.attendance")}</th>}
                </tr>
              </thead>
              <tbody>
                {registrants.map((registrant) => (
                  <tr key={registrant.booking_id}>
                    <td>
                      <RegistrantName registrant={registrant} onOpenPerson={onOpenPerson} />
                      {registrant.child && <span className="registrant-note small-text"> · {t("registrants.forChild", { name: registrant.child.name })}</span>}
                      <RegistrantGuests guests={registrant.guests} />
                    </td>
                    <td>
                      <a href={`mailto:${registrant.email}`}>{registrant.email}</a>
                    </td>
                    <td data-label={t("registrants.seats")}>{registrant.seats ?? 1}</td>
                    {showRooms && <td data-label={t("registrants.room")}>{registrant.option?.name ?? "—"}</td>}
                    <td data-label={t("registrants.booked")}>{formatDateTime(registrant.booked_at, { label: true })}</td>
                    <td>
                      <RegistrantStatus registrant={registrant} />
                    </td>
                    <td data-label={t("registrants.payment")}>
                      <RegistrantPayment registrant={registrant} onRefund={onRefund} />
                    </td>
                    {showAttendance && (
                      <td data-label={t("registrants.attendance")}>
                        <AttendanceCell sessionId={sessionId} registrant={registrant} closed={closed} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** The session's waiting list, in order: position, name, email, when they joined (on the viewer's clock, labelled, as
 *  the registrants' booked-at times are: when someone acted, not when the event happens). */
export function WaitingListSection({ waiting }) {
  const { t } = useTranslation("programme");
  const waitsForRooms = waiting.some((person) => person.option); // each room option has its own line
  return (
    <section aria-labelledby="waiting-heading" className="session-section">
      <h2 id="waiting-heading">{t("waiting.heading")}</h2>
      {waiting.length === 0 ? (
        <EmptyState title={t("waiting.none")}>
          <p className="muted small-text">{t("waiting.noneHint")}</p>
        </EmptyState>
      ) : (
        <>
          <p className="registrant-count">
            {t("waiting.count", { count: waiting.length })}
          </p>
          <div className="table-wrap">
            <table className="table-stack registrants-table waiting-table">
              <thead>
                <tr>
                  <th scope="col">{t("waiting.position")}</th>
                  <th scope="col">{t("waiting.name")}</th>
                  <th scope="col">{t("waiting.email")}</th>
                  {waitsForRooms && <th scope="col">{t("waiting.for")}</th>}
                  <th scope="col">{t("waiting.joinedAt")}</th>
                </tr>
              </thead>
              <tbody>
                {waiting.map((person) => (
                  <tr key={`${person.position}-${person.user_id}-${person.child?.id ?? ""}`}>
                    <td data-label={t("waiting.position")}>{person.position}</td>
                    <td>
                      {person.name}
                      {person.child && <span className="registrant-note small-text"> · {t("registrants.forChild", { name: person.child.name })}</span>}
                      {person.seats > 1 && <span className="muted"> · {t("waiting.together", { count: person.seats })}</span>}
                    </td>
                    <td>
                      <a href={`mailto:${person.email}`}>{person.email}</a>
                    </td>
                    {waitsForRooms && <td data-label={t("waiting.for")}>{person.option?.name ?? "—"}</td>}
                    <td data-label={t("waiting.joined")}>{formatDateTime(person.joined_at, { label: true })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
