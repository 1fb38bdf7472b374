/** A week of the timetable, a day a list (a column a day on a wide screen), today marked: each session on its event's
 *  clock (the viewer's time beside it where that differs), its event, who teaches, where and how (online or not), its
 *  price and seats, and what the page lets a visitor do about it (sessionAction). */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { eventTimes, zoneAbbreviation } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { sessionModeText } from "../../../lib/session-mode.js";
import { ageRange, sessionAvailability, sessionPrice, waitingLabel } from "../event-display.js";
import { dayLabels, today } from "../week.js";
import "../timetable.css";

/** days: the API's [{date, sessions}]; busy: the week shown is the previous one while the next loads;
 *  sessionAction(session, availability, whenId) fills each session's last line; eventLink(event) → the href its title
 *  links to (default the app's event page). */
export function Week({ days, busy, sessionAction, eventLink = (event) => paths.event(event.id) }) {
  const { t } = useTranslation("events");
  const now = today();
  return (
    <ol className="timetable-week" aria-busy={busy || undefined}>
      {days.map((day) => {
        const labels = dayLabels(day.date);
        const isToday = day.date === now;
        return (
          <li key={day.date} className={`timetable-day${isToday ? " today" : ""}`} aria-current={isToday ? "date" : undefined} aria-labelledby={`day-${day.date}`}>
            <h2 id={`day-${day.date}`} className="day-head">
              <span className="day-name">{labels.weekday}</span> <span className="day-date">{labels.short}</span>
              {isToday && <span className="pill active today-mark">{t("week.today")}</span>}
            </h2>
            {day.sessions.length === 0 ? (
              <p className="muted no-sessions">{t("week.noSessions")}</p>
            ) : (
              <ul className="day-sessions" aria-label={t("week.sessionsOn", { day: labels.long })}>
                {day.sessions.map((session) => (
                  <TimetableSession key={session.id} session={session} sessionAction={sessionAction} eventLink={eventLink} />
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function TimetableSession({ session, sessionAction, eventLink }) {
  const { t } = useTranslation("events");
  const { event } = session;
  const zone = zoneAbbreviation(event.timezone, new Date(session.starts_at).getTime());
  const { viewerText } = eventTimes(session.starts_at, session.ends_at, event.timezone);
  const availability = sessionAvailability(session, event);
  const whenId = `timetable-${session.id}-when`;
  const waiting = waitingLabel(session);
  const mode = sessionModeText(session.mode);
  return (
    <li className="timetable-session">
      <p id={whenId} className="session-clock">
        <time dateTime={session.starts_at}>
          {session.start_time} – {session.end_time} {zone}
        </time>
        {viewerText && <span className="viewer-time"> ({viewerText})</span>}
      </p>
      <p className="session-title">
        <Link to={eventLink(event)}>{event.title}</Link>
        {event.kind === "retreat" && <span className="pill kind-pill">{t("kind.retreat")}</span>}
        {ageRange(event) && <span className="pill kind-pill">{ageRange(event)}</span>}
      </p>
      <p className="muted session-meta">
        {[session.instructor?.name ?? session.facilitator.name, event.location].filter(Boolean).join(" · ")}
        {mode && <span className="session-mode">{mode}</span>}
      </p>
      <p className="session-facts">
        <span className="session-price">{sessionPrice(session, event.tax_added)}</span>{" "}
        {availability.tone ? <span className={`pill ${availability.tone}`}>{availability.label}</span> : <span>{availability.label}</span>}
        {waiting && <span className="session-waiting"> {waiting}</span>}
      </p>
      <div className="session-action">{sessionAction(session, availability, whenId)}</div>
    </li>
  );
}
