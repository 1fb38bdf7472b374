/** One event in the catalogue grid: its facts (where, and whether it can be attended online), how long it runs, what
 *  it costs and the seats of its sessions. */
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../../lib/paths.js";
import { eventModeText } from "../../../lib/session-mode.js";
import { eventDates, eventLength, kindLabel, priceSummary, seatsSummary } from "../event-display.js";

export function EventCard({ event }) {
  const { t } = useTranslation("events");
  const dates = eventDates(event);
  const seats = seatsSummary(event);
  const price = priceSummary(event);
  const mode = eventModeText(event.sessions);
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
              <dt>{t("card.facilitator")}</dt>
              <dd>{event.facilitator.name}</dd>
            </div>
          )}
          {(event.location || mode) && (
            <div>
              <dt>{t("card.location")}</dt>
              <dd>
                {event.location}
                {event.location && mode && " · "}
                {mode && <span className="session-mode">{mode}</span>}
              </dd>
            </div>
          )}
          <div>
            <dt>{t("card.dates")}</dt>
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
          <span>
            {eventLength(event)}
            {price && (
              <>
                {" · "}
                <span className="event-card-price">{price}</span>
              </>
            )}
          </span>
          <span className={`pill ${seats.tone}`}>{seats.label}</span>
        </p>
      </article>
    </li>
  );
}
