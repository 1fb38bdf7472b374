/** /studios/:slug: a studio's public page, no sign-in: its name and contact, its upcoming events (each to its page,
 *  where it is booked) and the passes it sells (each to the page of an event it covers, whose Passes section sells
 *  it). An unknown studio is "Page not found". */
import { Trans, useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { EventTime } from "../../../components/EventTime.jsx";
import { EmptyState, ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { NotFoundPage } from "../../../components/NotFoundPage.jsx";
import { paths } from "../../../lib/paths.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { usePublicStudio } from "../api.js";
import { eventSelling, passTerms, sessionsRun } from "../public-page.js";
import "../studios.css";

function Contact({ studio }) {
  if (!studio.contact_email && !studio.contact_phone) return null;
  return (
    <p className="studio-contact">
      {studio.contact_email && <a href={`mailto:${studio.contact_email}`}>{studio.contact_email}</a>}
      {studio.contact_email && studio.contact_phone && " · "}
      {studio.contact_phone && <a href={`tel:${studio.contact_phone.replace(/\s+/g, "")}`}>{studio.contact_phone}</a>}
    </p>
  );
}

/** When the event runs: its own start and end for one session; for a weekly class (several sessions) its next
 *  session and how many there are, so weeks of classes don't read as one event lasting weeks. */
function EventWhen({ event, timeZone }) {
  const { t } = useTranslation("studios");
  const run = sessionsRun(event);
  const zone = event.timezone ?? timeZone;
  if (!run) return <EventTime start={event.starts_at} end={event.ends_at} timeZone={zone} />;
  return (
    <>
      <Trans t={t} i18nKey="public.next" components={{ time: <EventTime start={run.next.starts_at} end={run.next.ends_at} timeZone={zone} /> }} />
      {` · ${run.text}`}
    </>
  );
}

function Events({ events, timeZone }) {
  const { t } = useTranslation("studios");
  if (!events.length) return <EmptyState title={t("public.noEvents")} />;
  return (
    <ul className="studio-events">
      {events.map((event) => (
        <li key={event.id} className="card">
          <h3>
            <Link to={paths.event(event.id)}>{event.title}</Link>
          </h3>
          <p className="muted small-text">
            <EventWhen event={event} timeZone={timeZone} />
            {event.location ? ` · ${event.location}` : ""}
          </p>
        </li>
      ))}
    </ul>
  );
}

function Passes({ passes, events }) {
  const { t } = useTranslation("studios");
  return (
    <ul className="studio-passes">
      {passes.map((pass) => {
        const seller = eventSelling(pass, events);
        return (
          <li key={pass.id} className="card">
            <h3>{pass.name}</h3>
            <p>{passTerms(pass)}</p>
            {pass.description && <p className="muted small-text">{pass.description}</p>}
            {seller ? (
              <Link to={paths.event(seller.id)}>
                {/* The pass's name read after the words shown, never instead of them (a voice command says those). */}
                <Trans t={t} i18nKey="public.buyOn" values={{ event: seller.title, pass: pass.name }} components={{ hidden: <span className="visually-hidden" /> }} />
              </Link>
            ) : (
              <p className="muted small-text">{t("public.atStudio")}</p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function StudioPage() {
  const { slug } = useParams();
  const { t } = useTranslation("studios");
  const query = usePublicStudio(slug);
  usePageTitle(query.data?.studio?.name ?? t("public.studio"));
  if (query.isPending) {
    return (
      <section className="page">
        <Loading label={t("public.loading")} />
      </section>
    );
  }
  if (query.error?.status === 404) return <NotFoundPage />;
  if (query.error) {
    return (
      <section className="page">
        <ErrorMessage error={query.error} title={t("public.notLoaded")} onRetry={() => query.refetch()} />
      </section>
    );
  }
  const { studio, events = [], passes = [], events_total: total = events.length } = query.data;
  return (
    <section className="page studio-page">
      <h1>{studio.name}</h1>
      <Contact studio={studio} />
      <p>
        <Link to={paths.myForms(studio.slug)}>{t("public.forms")}</Link> ·{" "}
        <Link to={paths.studioPrivates(studio.slug)}>{t("public.privates")}</Link>
      </p>
      <section aria-labelledby="studio-events-heading">
        <h2 id="studio-events-heading">{t("public.upcoming")}</h2>
        <Events events={events} timeZone={studio.timezone} />
        {total > events.length && <p className="muted small-text">{t("public.nextOf", { shown: events.length, total })}</p>}
      </section>
      {passes.length > 0 && (
        <section aria-labelledby="studio-passes-heading">
          <h2 id="studio-passes-heading">{t("public.passes")}</h2>
          <Passes passes={passes} events={events} />
        </section>
      )}
    </section>
  );
}
