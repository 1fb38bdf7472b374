/** My bookings' "Waiting lists": each place in line with its event, time, position (and the seats a group waits for)
 *  and a Leave button; a place a freed seat is offered to says until when, with a link to take it. */
import { Link } from "react-router";
import { EventTime } from "../../../components/EventTime.jsx";
import { formatShortDateTime } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { placeAndTeacher } from "../booking-status.js";

function WaitingCard({ place, busy, onLeave }) {
  const titleId = `waiting-${place.session_id}-title`;
  const whenId = `waiting-${place.session_id}-when`;
  const event = place.event ?? {};
  const offered = place.status === "offered";
  return (
    <li className="card booking-card">
      <article aria-labelledby={titleId}>
        <div className="booking-card-head">
          <h3 id={titleId}>
            <Link to={paths.event(event.id ?? place.session?.event_id)}>{event.title ?? "Event"}</Link>
          </h3>
          <span className={offered ? "pill ok" : "pill warn"}>{offered ? "Seat offered" : "Waiting"}</span>
        </div>
        <p id={whenId} className="booking-when">
          <EventTime start={place.session?.starts_at} end={place.session?.ends_at} timeZone={event.timezone} />
        </p>
        {placeAndTeacher(place.session, event) && <p className="muted small-text">{placeAndTeacher(place.session, event)}</p>}
        {offered ? (
          <p className="waiting-position">
            A seat came free: it is kept for you until {formatShortDateTime(place.offer_expires_at, { timeZone: event.timezone })}.
          </p>
        ) : (
          <>
            <p className="waiting-position">
              Number {place.position} in line{place.seats > 1 && `, for ${place.seats} seats together`}
            </p>
            <p className="muted small-text">If a seat frees up, the first in line gets it (or is offered it), and an email says so.</p>
          </>
        )}
        <div className="actions">
          {offered && place.offer_path && (
            <Link className="button primary small" to={place.offer_path}>
              Take or decline the seat
            </Link>
          )}
          <button type="button" className="button secondary small" onClick={() => onLeave(place)} disabled={busy} aria-describedby={`${titleId} ${whenId}`}>
            {busy ? "Leaving…" : "Leave"}
          </button>
        </div>
      </article>
    </li>
  );
}

/** places: sorted; busySessionId: the place being left, if any. */
export function WaitingList({ places, busySessionId, onLeave }) {
  return (
    <section aria-labelledby="bookings-waiting">
      <h2 id="bookings-waiting">Waiting lists</h2>
      <ul className="stack booking-list">
        {places.map((place) => (
          <WaitingCard key={place.session_id} place={place} busy={busySessionId === place.session_id} onLeave={onLeave} />
        ))}
      </ul>
    </section>
  );
}
