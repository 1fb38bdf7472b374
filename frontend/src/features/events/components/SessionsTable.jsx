/** An event's sessions: when, capacity, seats left, and what the visitor can do about each. */
import { Link, useLocation } from "react-router";
import { formatRange } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { sessionAvailability, sortedSessions } from "../event-display.js";

/** viewer: "guest" | "user" | "staff"; bookedIds: sessions the user already holds. */
export function SessionsTable({ event, viewer, bookedIds, onBook, busy }) {
  const location = useLocation();
  const sessions = sortedSessions(event);
  if (sessions.length === 0) return <p className="muted">No sessions are scheduled for this event.</p>;

  const action = (session, availability, whenId) => {
    if (viewer === "user" && bookedIds.has(session.id)) return <span className="booked-mark">Booked ✓</span>;
    if (!availability.bookable || viewer === "staff") return null;
    if (viewer === "guest") {
      return (
        <Link to={paths.login} state={{ from: `${location.pathname}${location.search}` }} className="button primary small" aria-describedby={whenId}>
          Log in to book
        </Link>
      );
    }
    return (
      <button type="button" className="button primary small" onClick={() => onBook(session)} disabled={busy} aria-describedby={whenId}>
        Book
      </button>
    );
  };

  return (
    <div className="table-wrap">
      <table className="table-stack table-middle">
        <caption className="visually-hidden">Sessions of {event.title}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Capacity</th>
            <th scope="col">Availability</th>
            <th scope="col">
              <span className="visually-hidden">Booking</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => {
            const availability = sessionAvailability(session, event);
            const whenId = `session-${session.id}-when`;
            return (
              <tr key={session.id}>
                <td id={whenId} className="session-when">
                  {formatRange(session.starts_at, session.ends_at)}
                </td>
                <td data-label="Capacity">{session.capacity}</td>
                <td>{availability.tone ? <span className={`pill ${availability.tone}`}>{availability.label}</span> : availability.label}</td>
                <td className="session-action cell-action">{action(session, availability, whenId)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
