/** One of a studio's events as its widget (/embed/:slug/events/:eventId): its title, when, where and how (online or
 *  not), price and seats, and its sessions, each with a Book link that opens the app's event page in a new tab. An
 *  event of another studio is not this studio's to show. */
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate, useParams } from "react-router";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { eventModeText } from "../../../lib/session-mode.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useEvent } from "../api.js";
import { eventDates, isCancelled, kindLabel, priceSummary, seatsSummary } from "../event-display.js";
import { EmbedBookLink } from "./EmbedBookLink.jsx";
import { SessionsTable } from "./SessionsTable.jsx";
import "../events.css";

function Fact({ term, children }) {
  if (!children) return null;
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function EventFacts({ event }) {
  const { t } = useTranslation("events");
  const dates = eventDates(event);
  const seats = seatsSummary(event);
  const mode = eventModeText(event.sessions);
  return (
    <dl className="event-facts embed-facts">
      <Fact term={t("table.when")}>
        {dates.text}
        {dates.viewerText && <span className="viewer-time">({dates.viewerText})</span>}
      </Fact>
      <Fact term={t("embed.where")}>{[event.location, mode].filter(Boolean).join(" · ")}</Fact>
      <Fact term={t("table.price")}>{priceSummary(event)}</Fact>
      <Fact term={t("embed.seats")}>
        <span className={`pill ${seats.tone}`}>{seats.label}</span>
      </Fact>
    </dl>
  );
}

/** "← Back" when the widget opened this event from its timetable (there is a page of its own to go back to). */
function BackButton() {
  const { t } = useTranslation("events");
  const location = useLocation();
  const navigate = useNavigate();
  if (location.key === "default") return null;
  return (
    <button type="button" className="button-link embed-back" onClick={() => navigate(-1)}>
      {t("embed.backToTimetable")}
    </button>
  );
}

export function EmbedEvent() {
  const { t } = useTranslation("events");
  const { slug, eventId } = useParams();
  const eventQuery = useEvent(eventId);
  const event = eventQuery.data;
  const ours = event?.studio?.slug === slug;
  const missing = (eventQuery.isError && eventQuery.error.status === 404) || (event && !ours);
  usePageTitle(missing ? t("event.notFound") : ours ? event.title : t("event.event"));

  if (missing) {
    return (
      <section className="embed-view">
        <h1>{t("event.notFound")}</h1>
        <p>{t("embed.gone")}</p>
      </section>
    );
  }
  if (!event) {
    return (
      <section className="embed-view">
        <h1>{t("event.event")}</h1>
        {eventQuery.isError ? <ErrorMessage error={eventQuery.error} title={t("event.loadError")} onRetry={() => eventQuery.refetch()} /> : <Loading label={t("embed.loading")} />}
      </section>
    );
  }
  return (
    <section className="embed-view">
      <BackButton />
      <p className="event-card-kind">
        <span className={`pill ${event.kind}`}>{kindLabel(event.kind)}</span>
      </p>
      <h1>{event.title}</h1>
      {isCancelled(event) && (
        <div className="alert alert-error" role="note">
          {t("event.cancelled")}
        </div>
      )}
      <EventFacts event={event} />
      <h2>{t("event.sessions")}</h2>
      <SessionsTable event={event} sessionAction={(session, availability) => <EmbedBookLink event={event} availability={availability} />} />
    </section>
  );
}
