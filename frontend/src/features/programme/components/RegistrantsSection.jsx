/** Who booked a session (cancelled bookings too) with where each one's payment stands, each one's attendance once
 *  taken (with its correction), and the same list as a CSV download. A name opens that person's history. When they booked or cancelled reads in the viewer's zone, labelled. Beside it, who waits for a seat, in
 *  line order. */
import { useState } from "react";
import { EmptyState, ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { formatDateTime, plural } from "../../../lib/format.js";
import { formatAmount } from "../../../lib/money.js";
import { useStudio } from "../../../lib/studio.jsx";
import { useDownloadRegistrants } from "../api.js";
import { registrantPayment, registrantStatus } from "../wording.js";
import { AttendanceCell } from "./AttendanceCell.jsx";
import { RefundDialog } from "./RefundDialog.jsx";

function RegistrantStatus({ registrant }) {
  const cancelled = registrant.status === "cancelled";
  const [label, tone] = registrantStatus(registrant);
  return (
    <div className="registrant-status">
      <span className={`pill ${tone}`}>{label}</span>
      {cancelled && registrant.cancelled_at && <span className="registrant-note muted small-text">on {formatDateTime(registrant.cancelled_at, { label: true })}</span>}
      {cancelled && registrant.cancel_reason && <span className="registrant-note small-text">Reason: {registrant.cancel_reason}</span>}
    </div>
  );
}

/** Whether staff may refund this line's payment: paid (through the provider, or in person), something left of it. */
const refundable = (registrant) => Boolean(registrant.refund_payment_id) && registrant.amount_paid > 0;

function RegistrantPayment({ registrant, onRefund }) {
  const { label, amount, tone } = registrantPayment(registrant);
  if (tone === null) return <span className="muted">{label}</span>;
  return (
    <div className="registrant-status">
      <span className={`pill ${tone}`}>{label}</span>
      {amount && <span className="registrant-note small-text">{amount}</span>}
      {onRefund && refundable(registrant) && (
        <button type="button" className="button secondary small" onClick={() => onRefund(registrant)}>
          Refund <span className="visually-hidden">{registrant.name}</span>
        </button>
      )}
    </div>
  );
}

/** The guests a booker brought, under their name: those coming, then those whose seat was given back. */
function RegistrantGuests({ guests = [] }) {
  if (guests.length === 0) return null;
  return (
    <ul className="registrant-guests small-text" aria-label="Guests">
      {guests.map((guest) => (
        <li key={guest.id} className={guest.status === "active" ? undefined : "muted"}>
          + {guest.name}
          {guest.email && <span className="muted"> ({guest.email})</span>}
          {guest.status !== "active" && " · seat given back"}
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
    const cancelledToo = refund.booking_cancelled ? " The booking is cancelled and its seat is free." : "";
    const given = refunding.paid_in_person ? `given back to ${refunding.name} in person is recorded` : `is on its way back to ${refunding.name}`;
    setNotice(`${formatAmount(refund.amount, refund.currency)} ${given}.${cancelledToo}`);
  };
  return (
    <section aria-labelledby="registrants-heading" className="session-section">
      <div className="section-head">
        <h2 id="registrants-heading">Registrants</h2>
        <button type="button" className="button secondary small" onClick={() => !download.isPending && download.mutate()} aria-disabled={download.isPending || undefined} aria-busy={download.isPending}>
          Download CSV
        </button>
      </div>
      <ErrorMessage error={download.error} title="The CSV could not be downloaded." />
      <SuccessMessage>{notice}</SuccessMessage>
      {refunding && <RefundDialog registrant={refunding} onDone={refunded} onCancel={() => setRefunding(null)} />}
      {registrants.length === 0 ? (
        <EmptyState title="No one has registered yet." />
      ) : (
        <>
          <p className="registrant-count">
            {plural(active, "active booking")}
            {seats > active && ` (${plural(seats, "seat")})`}
            {cancelled > 0 && `, ${cancelled} cancelled`}
          </p>
          <div className="table-wrap">
            <table className="table-stack registrants-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Seats</th>
                  {showRooms && <th scope="col">Room</th>}
                  <th scope="col">Booked at</th>
                  <th scope="col">Status</th>
                  <th scope="col">Payment</th>
                  {showAttendance && <th scope="col">Attendance</th>}
                </tr>
              </thead>
              <tbody>
                {registrants.map((registrant) => (
                  <tr key={registrant.booking_id}>
                    <td>
                      <RegistrantName registrant={registrant} onOpenPerson={onOpenPerson} />
                      <RegistrantGuests guests={registrant.guests} />
                    </td>
                    <td>
                      <a href={`mailto:${registrant.email}`}>{registrant.email}</a>
                    </td>
                    <td data-label="Seats">{registrant.seats ?? 1}</td>
                    {showRooms && <td data-label="Room">{registrant.option?.name ?? "—"}</td>}
                    <td data-label="Booked">{formatDateTime(registrant.booked_at, { label: true })}</td>
                    <td>
                      <RegistrantStatus registrant={registrant} />
                    </td>
                    <td data-label="Payment">
                      <RegistrantPayment registrant={registrant} onRefund={onRefund} />
                    </td>
                    {showAttendance && (
                      <td data-label="Attendance">
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
  const waitsForRooms = waiting.some((person) => person.option); // each room option has its own line
  return (
    <section aria-labelledby="waiting-heading" className="session-section">
      <h2 id="waiting-heading">Waiting list</h2>
      {waiting.length === 0 ? (
        <EmptyState title="Nobody is waiting.">
          <p className="muted small-text">When the session is full, people can join its waiting list; the first in line gets the next seat that frees.</p>
        </EmptyState>
      ) : (
        <>
          <p className="registrant-count">
            {waiting.length === 1 ? "1 person is" : `${waiting.length} people are`} waiting for a seat; the first in line gets the next one that frees.
          </p>
          <div className="table-wrap">
            <table className="table-stack registrants-table waiting-table">
              <thead>
                <tr>
                  <th scope="col">Position</th>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  {waitsForRooms && <th scope="col">Waiting for</th>}
                  <th scope="col">Joined at</th>
                </tr>
              </thead>
              <tbody>
                {waiting.map((person) => (
                  <tr key={`${person.position}-${person.user_id}`}>
                    <td data-label="Position">{person.position}</td>
                    <td>
                      {person.name}
                      {person.seats > 1 && <span className="muted"> · {person.seats} seats together</span>}
                    </td>
                    <td>
                      <a href={`mailto:${person.email}`}>{person.email}</a>
                    </td>
                    {waitsForRooms && <td data-label="Waiting for">{person.option?.name ?? "—"}</td>}
                    <td data-label="Joined">{formatDateTime(person.joined_at, { label: true })}</td>
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
