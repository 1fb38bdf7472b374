/** /facilitator/teaching: the sessions I teach at the current studio (sessions.own), upcoming first, each with its
 *  session page (registrants, messages) and its check-in. */
import { useState } from "react";
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
  return (
    <ul className="teaching-list">
      {sessions.map((session) => (
        <li key={session.id} className="card teaching-session">
          <p className="teaching-time">{formatRange(session.starts_at, session.ends_at, { timeZone: session.event.timezone ?? timeZone, label: true })}</p>
          <h3>
            <Link to={paths.facilitatorSession(session.id)}>{session.event.title}</Link>
          </h3>
          <p className="muted small-text">
            {session.instructor?.name ? `With ${session.instructor.name} · ` : ""}
            {session.seats_taken} of {session.capacity} booked{session.event.location ? ` · ${session.event.location}` : ""}
          </p>
          {withCheckin && (
            <p className="actions">
              <Link className="button secondary small" to={paths.facilitatorCheckin(session.id)} aria-label={`Check-in of ${session.event.title}`}>
                Check-in
              </Link>
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

export function MyTeachingPage() {
  usePageTitle("My teaching");
  const { user } = useAuth();
  const { studio, can } = useStudio();
  const events = useTeachingEvents();
  const [now] = useState(() => Date.now());
  if (events.isPending) return <section className="page"><Loading label="Loading your sessions…" /></section>;
  if (events.error) {
    return (
      <section className="page">
        <h1>My teaching</h1>
        <ErrorMessage error={events.error} title="Your sessions could not be loaded." onRetry={() => events.refetch()} />
      </section>
    );
  }
  const { upcoming, past } = mySessions(events.data, user?.id, now);
  const timeZone = studio?.timezone;
  const checkin = can("checkin.own") || can("desk.checkin");
  return (
    <section className="page my-teaching">
      <h1>My teaching</h1>
      <p className="muted">The sessions you teach{studio ? ` at ${studio.name}` : ""}: open one for its registrants and messages.</p>
      <h2>Upcoming</h2>
      {upcoming.length ? <SessionList sessions={upcoming} timeZone={timeZone} withCheckin={checkin} /> : <EmptyState title="No upcoming sessions to teach." />}
      {past.length > 0 && (
        <>
          <h2>Past</h2>
          <SessionList sessions={past} timeZone={timeZone} withCheckin={false} />
        </>
      )}
    </section>
  );
}
