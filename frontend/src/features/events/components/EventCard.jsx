/** One event in the catalogue grid. */
import { Fragment } from "react";
import { Link } from "react-router";
import { plural } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { eventDates, isCancelled, kindLabel } from "../event-display.js";

export function EventCard({ event }) {
  const dates = eventDates(event);
  const sessions = (event.sessions ?? []).filter((session) => !isCancelled(session)).length;
  const titleId = `event-${event.id}-title`;
  return (
    <li className="card event-card">
      <article aria-labelledby={titleId}>
        <p className="event-card-kind">
          <span className={`pill ${event.kind}`}>{kindLabel(event.kind)}</span>
        </p>
        <h2 id={titleId} className="event-card-title">
          <Link to={paths.event(event.id)}>{event.title}</Link>
        </h2>
        <dl className="event-facts">
          {event.facilitator?.name && (
            <div>
              <dt>Facilitator</dt>
              <dd>{event.facilitator.name}</dd>
            </div>
          )}
          {event.location && (
            <div>
              <dt>Location</dt>
              <dd>{event.location}</dd>
            </div>
          )}
          <div>
            <dt>Dates</dt>
            <dd>
              {/* Each end of the span wraps as a whole when it can: "Tue, 24 Nov 2026 –" / "Tue, 15 Dec 2026". */}
              {dates.text.split(" – ").map((part, index, parts) => (
                <Fragment key={index}>
                  {index > 0 && " "}
                  <span className="date-part">{index < parts.length - 1 ? `${part} –` : part}</span>
                </Fragment>
              ))}
              {dates.viewerText && (
                <>
                  {" "}
                  <span className="viewer-time">({dates.viewerText})</span>
                </>
              )}
            </dd>
          </div>
        </dl>
        <p className="event-card-footer">
          <span>{plural(sessions, "session")}</span>
          {event.seats_left > 0 ? (
            <span className="pill ok">{plural(event.seats_left, "seat")} left</span>
          ) : (
            <span className="pill warn">Fully booked</span>
          )}
        </p>
      </article>
    </li>
  );
}
