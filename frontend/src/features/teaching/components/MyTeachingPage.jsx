/** /facilitator/teaching: the sessions I teach at the current studio (sessions.own), upcoming first, each with its
 *  session page (registrants, messages) and its check-in. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState, ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { useAuth } from "../../../lib/auth.jsx";
import { formatRange } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { useStudio } from "../../../lib/studio.jsx";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useTeachingEvents } from "../api.js";
import { mySessions } from "../teaching.js";
import "../teaching.css";

function SessionList({ sessions, timeZone, withCheckin }) {
  const { t } = useTranslation("teaching");
  return (
    <ul className="teaching-list">
      {sessions.map((session) => (
        <li key={session.id} className="card teaching-session">
          <p className="teaching-time">{formatRange(session.starts_at, session.ends_at, { timeZone: session.event.timezone ?? timeZone, label: true })}</p>
          <h3>
            <Link to={paths.facilitatorSession(session.id)}>{session.event.title}</Link>
          </h3>
          <p className="muted small-text">
            {session.instructor?.name ? t("session.with", { name: session.instructor.name }) : ""}
            {t("session.booked", { taken: session.seats_taken, capacity: session.capacity })}
            {session.event.location ? t("session.location", { location: session.event.location }) : ""}
          </p>
          {withCheckin && (
            <p className="actions">
              <Link className="button secondary small" to={paths.facilitatorCheckin(session.id)} aria-label={t("session.checkinOf", { title: session.event.title })}>
                {t("session.checkin")}
              </Link>
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

export function MyTeachingPage() {
  const { t } = useTranslation("teaching");
  usePageTitle(t("page.title"));
  const { user } = useAuth();
  const { studio, can } = useStudio();
  const events = useTeachingEvents();
  const [now] = useState(() => Date.now());
  if (events.isPending) return <section className="page"><Loading label={t("page.loading")} /></section>;
  if (events.error) {
    return (
      <section className="page">
        <h1>{t("page.title")}</h1>
        <ErrorMessage error={events.error} title={t("page.loadError")} onRetry={() => events.refetch()} />
      </section>
    );
  }
  const { upcoming, past } = mySessions(events.data, user?.id, now);
  const timeZone = studio?.timezone;
  const checkin = can("checkin.own") || can("desk.checkin");
  return (
    <section className="page my-teaching">
      <h1>{t("page.title")}</h1>
      <p className="muted">{studio ? t("page.introAt", { studio: studio.name }) : t("page.intro")}</p>
      <h2>{t("page.upcoming")}</h2>
      {upcoming.length ? <SessionList sessions={upcoming} timeZone={timeZone} withCheckin={checkin} /> : <EmptyState title={t("page.noUpcoming")} />}
      {past.length > 0 && (
        <>
          <h2>{t("page.past")}</h2>
          <SessionList sessions={past} timeZone={timeZone} withCheckin={false} />
        </>
      )}
    </section>
  );
}
