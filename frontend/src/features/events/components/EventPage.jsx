/** /events/:eventId: one event, its details and sessions. */
import { Link, useParams } from "react-router";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { paths } from "../../../lib/paths.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useEvent } from "../api.js";
import { isCancelled, kindLabel, teachersOf } from "../event-display.js";
import { SessionsTable } from "./SessionsTable.jsx";
import "../events.css";
import { planTermsText } from "../plan-terms.js";

function EventNotFound() {
  return (
    <section className="page narrow">
      <h1>Event not found</h1>
      <p>We couldn't find that event.</p>
      <p>
        <Link to={paths.events}>Back to events</Link>
      </p>
    </section>
  );
}

const justTheTable = (event, sessionsTable) => sessionsTable();
const nothing = () => null;

/**
 * renderSessions(event, sessionsTable): what stands under "Sessions"; sessionsTable(sessionAction) is the table,
 * with sessionAction(session, availability, whenId) in each row's last cell. The app layer passes the booking flow.
 * renderAfterSessions(event): what follows them (the app layer passes the passes on sale for the event).
 */
export function EventPage({ renderSessions = justTheTable, renderAfterSessions = nothing }) {
  const { eventId } = useParams();
  const eventQuery = useEvent(eventId);
  const event = eventQuery.data;
  const notFound = eventQuery.isError && eventQuery.error.status === 404 && !event;
  usePageTitle(notFound ? "Event not found" : (event?.title ?? "Event"));

  if (notFound) return <EventNotFound />;
  if (eventQuery.isPending) {
    return (
      <section className="page">
        <Loading label="Loading event…" />
      </section>
    );
  }
  if (eventQuery.isError && !event) {
    return (
      <section className="page">
        <h1>Event</h1>
        <ErrorMessage error={eventQuery.error} title="Couldn't load this event." onRetry={() => eventQuery.refetch()} />
        <p>
          <Link to={paths.events}>Back to events</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="page">
      <Link to={paths.events} className="event-back">
        ← All events
      </Link>
      <h1>{event.title}</h1>
      <div className="event-meta">
        <span className={`pill ${event.kind}`}>{kindLabel(event.kind)}</span>
        {event.studio && (
          <span>
            At <Link to={paths.studio(event.studio.slug)}>{event.studio.name}</Link>
          </span>
        )}
        {teachersOf(event) && <span>With {teachersOf(event)}</span>}
        {event.location && <span>{event.location}</span>}
      </div>
      {isCancelled(event) && (
        <div className="alert alert-error" role="note">
          This event has been cancelled.
        </div>
      )}
      {event.description && <p className="event-description">{event.description}</p>}
      {planTermsText(event.payment_plan, event.sessions?.[0]?.currency) && (
        <p className="event-plan">
          <strong>Payment plan:</strong> {planTermsText(event.payment_plan, event.sessions?.[0]?.currency)}
        </p>
      )}

      <h2>Sessions</h2>
      {eventQuery.isError && <ErrorMessage error={eventQuery.error} title="Couldn't refresh this event." onRetry={() => eventQuery.refetch()} />}
      {renderSessions(event, (sessionAction) => <SessionsTable event={event} sessionAction={sessionAction} />)}
      {renderAfterSessions(event)}
    </section>
  );
}
