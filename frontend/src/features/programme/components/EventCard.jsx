/** One of my events on the dashboard: what and where, its sessions, and the way to its own page (editing it, adding
 *  sessions, cancelling it). */
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { zoneLabel } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { byStart, isCancelled, isCurrentEvent, isCurrentSession } from "../schedule.js";
import { SessionsTable } from "./SessionsTable.jsx";

export function EventCard({ event, showAll, now }) {
  const { t } = useTranslation("programme");
  const titleId = useId();
  const cancelled = isCancelled(event);
  const current = isCurrentEvent(event, now);
  const allSessions = [...(event.sessions ?? [])].sort(byStart);
  const sessions = showAll ? allSessions : allSessions.filter((session) => isCurrentSession(session, now));
  const hidden = allSessions.length - sessions.length;

  return (
    <article className="card event-card" aria-labelledby={titleId}>
      <header className="event-card-head">
        <div>
          <h2 id={titleId}>{event.title}</h2>
          <p className="event-card-meta">
            <span className={`pill ${event.kind === "retreat" ? "retreat" : ""}`}>{event.kind === "retreat" ? t("eventCard.retreat") : t("eventCard.session")}</span>
            {cancelled && <span className="pill cancelled">{t("eventCard.cancelled")}</span>}
            {!cancelled && !current && <span className="pill">{t("eventCard.past")}</span>}
            {event.location && <span className="muted">{event.location}</span>}
            {event.timezone && <span className="muted">{t("eventCard.timesIn", { zone: zoneLabel(event.timezone) })}</span>}
          </p>
        </div>
        {/* The one action on a card: the event's page holds editing, adding sessions and, apart, cancelling. */}
        {!cancelled && (
          <Link to={paths.facilitatorEvent(event.id)} className="button secondary small" aria-describedby={titleId}>
            {t("eventCard.edit")}
          </Link>
        )}
      </header>
      {sessions.length > 0 ? (
        <SessionsTable eventTitle={event.title} sessions={sessions} timeZone={event.timezone} now={now} />
      ) : (
        <p className="muted">{t("eventCard.noUpcoming")}</p>
      )}
      {hidden > 0 && <p className="muted small-text">{t("eventCard.hidden", { count: hidden })}</p>}
    </article>
  );
}
