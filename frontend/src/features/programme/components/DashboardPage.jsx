/** /facilitator: my events with their sessions and bookings, at a glance. */
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useSearchParams } from "react-router";
import { EmptyState, ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { useAuth } from "../../../lib/auth.jsx";
import { paths } from "../../../lib/paths.js";
import { useStudio } from "../../../lib/studio.jsx";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useMyEvents } from "../api.js";
import { byStart, isCurrentEvent, summarize } from "../schedule.js";
import { EventCard } from "./EventCard.jsx";
import { AttendanceCsvButton } from "./AttendanceCsvButton.jsx";
import { Flash } from "../../../components/Flash.jsx";
import "../programme.css";

function CreateEventLink() {
  const { t } = useTranslation("programme");
  return (
    <Link to={paths.newEvent} className="button primary">
      {t("dashboard.create")}
    </Link>
  );
}

/** The one-off message another page left in the router state ("Event created."), cleared so a reload drops it. */
function useFlashMessage() {
  const location = useLocation();
  const navigate = useNavigate();
  const [message, setMessage] = useState(location.state?.message ?? null);
  useEffect(() => {
    if (location.state?.message) navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
  }, [location, navigate]);
  return [message, setMessage];
}

/** The dashboard's own buttons, those the role allows (lib/studio.jsx can); the staff area's header links the other
 *  staff pages (passes, codes, approvals, members...). */
function StaffActions({ hasEvents }) {
  const { t } = useTranslation("programme");
  const { user } = useAuth();
  const { can, studio } = useStudio();
  return (
    <div className="actions">
      {hasEvents && can("events.manage") && <CreateEventLink />}
      {can("inbox.read") && (
        <Link to={paths.inbox} className="button secondary">
          {t("dashboard.inbox")}
        </Link>
      )}
      {hasEvents && can("registrants.own") && <AttendanceCsvButton />}
      {(user?.role === "admin" || (studio && can("money.view"))) && (
        <Link to={paths.integration} className="button secondary">
          {t("dashboard.delivery")}
        </Link>
      )}
    </div>
  );
}

export function DashboardPage() {
  const { t } = useTranslation("programme");
  usePageTitle(t("dashboard.title"));
  const { can } = useStudio();
  const events = useMyEvents();
  const [params, setParams] = useSearchParams();
  const showAll = params.get("show") === "all";
  const [message] = useFlashMessage();
  const toggleId = useId();
  // Past, current and upcoming as of when the list was read: rendering stays pure, and each refetch moves it on.
  const now = events.dataUpdatedAt;

  const setShowAll = (checked) => setParams(checked ? { show: "all" } : {}, { replace: true });

  if (events.isPending) {
    return (
      <section className="page">
        <h1>{t("dashboard.title")}</h1>
        <Loading label={t("dashboard.loading")} />
      </section>
    );
  }
  if (events.isError) {
    return (
      <section className="page">
        <h1>{t("dashboard.title")}</h1>
        <ErrorMessage error={events.error} title={t("dashboard.loadFailed")} onRetry={() => events.refetch()} />
      </section>
    );
  }

  const current = events.data.filter((event) => isCurrentEvent(event, now)).sort(byStart);
  const older = events.data.filter((event) => !isCurrentEvent(event, now)).sort((a, b) => byStart(b, a));
  const all = [...current, ...older]; // what is coming first, soonest first; then the rest, latest first
  const shown = showAll ? all : current;
  const hidden = all.length - shown.length;
  const figures = summarize(all, now);

  return (
    <section className="page dashboard">
      <div className="page-head">
        <h1>{t("dashboard.title")}</h1>
        <StaffActions hasEvents={all.length > 0} />
      </div>
      <Flash message={message} />

      {all.length === 0 ? (
        <EmptyState title={t("dashboard.none")}>
          {can("events.manage") && (
            <>
              <p className="muted">{t("dashboard.noneHint")}</p>
              <CreateEventLink />
            </>
          )}
        </EmptyState>
      ) : (
        <>
          <p className="dashboard-summary">
            {t("dashboard.summary", { events: figures.events, sessions: figures.upcomingSessions, bookings: figures.activeBookings })}
          </p>
          <div className="dashboard-filter">
            <input id={toggleId} type="checkbox" checked={showAll} onChange={(event) => setShowAll(event.target.checked)} aria-describedby={`${toggleId}-hint`} />
            <label htmlFor={toggleId}>{t("dashboard.showAll")}</label>
            <span id={`${toggleId}-hint`} className="muted small-text">
              {showAll ? t("dashboard.showingAll") : hidden > 0 ? t("dashboard.hidden", { count: hidden }) : t("dashboard.nothingHidden")}
            </span>
          </div>
          {shown.length === 0 ? (
            <EmptyState title={t("dashboard.noCurrent")}>
              <p className="muted">{t("dashboard.noCurrentHint")}</p>
            </EmptyState>
          ) : (
            <div className="stack">
              {shown.map((event) => (
                <EventCard key={event.id} event={event} showAll={showAll} now={now} />
              ))}
            </div>
          )}
        </>
      )}
    </section>
  );
}
