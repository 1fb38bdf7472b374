/** One booking: event, time, status, its reminder emails, why it was cancelled, the action it allows, and adding it
 *  to a calendar. */
import { Link } from "react-router";
import { EventTime } from "../../../components/EventTime.jsx";
import { paths } from "../../../lib/paths.js";
import { canAddToCalendar, canCancel, canReactivate, cancellationNote, isSessionCancelled } from "../booking-status.js";
import { AddToCalendar } from "./AddToCalendar.jsx";
import { ReminderLine } from "./ReminderLine.jsx";

export function BookingCard({ booking, onCancel, onReactivate, busy }) {
  const titleId = `booking-${booking.id}-title`;
  const whenId = `booking-${booking.id}-when`;
  const active = booking.status === "active";
  const note = cancellationNote(booking);
  const event = booking.event ?? {};
  return (
    <li className="card booking-card">
      <article aria-labelledby={titleId}>
        <div className="booking-card-head">
          <h3 id={titleId}>
            <Link to={paths.event(event.id ?? booking.session?.event_id)}>{event.title ?? "Event"}</Link>
          </h3>
          <span className={`pill ${active ? "active" : "cancelled"}`}>{active ? "Active" : "Cancelled"}</span>
        </div>
        <p id={whenId} className="booking-when">
          <EventTime start={booking.session?.starts_at} end={booking.session?.ends_at} timeZone={event.timezone} />
        </p>
        {(event.location || event.facilitator?.name) && (
          <p className="muted small-text">{[event.location, event.facilitator?.name && `with ${event.facilitator.name}`].filter(Boolean).join(" · ")}</p>
        )}
        <ReminderLine booking={booking} />
        {note && <p className={`booking-note${isSessionCancelled(booking) ? " by-facilitator" : ""}`}>{note}</p>}
        {canAddToCalendar(booking) && <AddToCalendar booking={booking} describedBy={`${titleId} ${whenId}`} />}
        {canCancel(booking) && (
          <div className="actions">
            <button type="button" className="button secondary small" onClick={() => onCancel(booking)} disabled={busy} aria-describedby={`${titleId} ${whenId}`}>
              Cancel booking
            </button>
          </div>
        )}
        {canReactivate(booking) && (
          <div className="actions">
            <button type="button" className="button primary small" onClick={() => onReactivate(booking)} disabled={busy} aria-describedby={`${titleId} ${whenId}`}>
              {busy ? "Reactivating…" : "Reactivate"}
            </button>
          </div>
        )}
      </article>
    </li>
  );
}
