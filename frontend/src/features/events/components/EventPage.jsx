/** /events/:eventId: one event, its details and sessions. */
import { Trans, useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { paths } from "../../../lib/paths.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useEvent } from "../api.js";
import { ageRange, isCancelled, kindLabel, teachersOf } from "../event-display.js";
import { SessionsTable } from "./SessionsTable.jsx";
import "../events.css";
import { planTermsText } from "../plan-terms.js";

function EventNotFound() {
  const { t } = useTranslation("events");
  return (
    <section className="page narrow">
      <h1>{t("event.notFound")}</h1>
      <p>{t("event.notFoundText")}</p>
      <p>
        <Link to={paths.events}>{t("event.backToEvents")}</Link>
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
  const { t } = useTranslation("events");
  const { eventId } = useParams();
  const eventQuery = useEvent(eventId);
  const event = eventQuery.data;
  const notFound = eventQuery.isError && eventQuery.error.status === 404 && !event;
  usePageTitle(notFound ? t("event.notFound") : (event?.title ?? t("event.event")));

  if (notFound) return <EventNotFound />;
  if (eventQuery.isPending) {
    return (
      <section className="page">
        <Loading label={t("event.loading")} />
      </section>
    );
  }
  if (eventQuery.isError && !event) {
    return (
      <section className="page">
        <h1>{t("event.event")}</h1>
        <ErrorMessage error={eventQuery.error} title={t("event.loadError")} onRetry={() => eventQuery.refetch()} />
        <p>
          <Link to={paths.events}>{t("event.backToEvents")}</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="page">
      <Link to={paths.events} className="event-back">
        {t("event.allEvents")}
      </Link>
      <h1>{event.title}</h1>
      <div className="event-meta">
        <span className={`pill ${event.kind}`}>{kindLabel(event.kind)}</span>
        {event.studio && (
          <span>
            <Trans t={t} i18nKey="event.atStudio" values={{ name: event.studio.name }} components={{ studio: <Link to={paths.studio(event.studio.slug)} /> }} />
          </span>
        )}
        {teachersOf(event) && <span>{t("event.with", { names: teachersOf(event) })}</span>}
        {event.location && <span>{event.location}</span>}
        {ageRange(event) && <span className="pill ages">{ageRange(event)}</span>}
      </div>
      {isCancelled(event) && (
        <div className="alert alert-error" role="note">
          {t("event.cancelled")}
        </div>
      )}
      {event.description && <p className="event-description">{event.description}</p>}
      {planTermsText(event.payment_plan, event.sessions?.[0]?.currency) && (
        <p className="event-plan">
          <Trans t={t} i18nKey="event.paymentPlan" values={{ terms: planTermsText(event.payment_plan, event.sessions?.[0]?.currency) }} components={{ strong: <strong /> }} />
        </p>
      )}

      <h2>{t("event.sessions")}</h2>
      {eventQuery.isError && <ErrorMessage error={eventQuery.error} title={t("event.refreshError")} onRetry={() => eventQuery.refetch()} />}
      {renderSessions(event, (sessionAction) => <SessionsTable event={event} sessionAction={sessionAction} />)}
      {renderAfterSessions(event)}
    </section>
  );
}
