/** /facilitator: my events with their sessions and bookings, at a glance. */
import { useEffect, useId, useState } from "react";
import { Link, useLocation, useNavigate, useSearchParams } from "react-router";
import { EmptyState, ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { useAuth } from "../../../lib/auth.jsx";
import { plural } from "../../../lib/format.js";
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
  return (
    <Link to={paths.newEvent} className="button primary">
      Create event
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
  const { user } = useAuth();
  const { can, studio } = useStudio();
  return (
    <div className="actions">
      {hasEvents && can("events.manage") && <CreateEventLink />}
      {can("inbox.read") && (
        <Link to={paths.inbox} className="button secondary">
          Inbox
        </Link>
      )}
      {hasEvents && can("registrants.own") && <AttendanceCsvButton />}
      {(user?.role === "admin" || (studio && can("money.view"))) && (
        <Link to={paths.integration} className="button secondary">
          Delivery: CRM, email, texts, payments
        </Link>
      )}
    </div>
  );
}

export function DashboardPage() {
  usePageTitle("My events");
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
        <h1>My events</h1>
        <Loading label="Loading your events…" />
      </section>
    );
  }
  if (events.isError) {
    return (
      <section className="page">
        <h1>My events</h1>
        <ErrorMessage error={events.error} title="Your events could not be loaded." onRetry={() => events.refetch()} />
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
        <h1>My events</h1>
        <StaffActions hasEvents={all.length > 0} />
      </div>
      <Flash message={message} />

      {all.length === 0 ? (
        <EmptyState title="You have no events yet.">
          {can("events.manage") && (
            <>
              <p className="muted">Create one with its sessions; people can book as soon as it is saved.</p>
              <CreateEventLink />
            </>
          )}
        </EmptyState>
      ) : (
        <>
          <p className="dashboard-summary">
            {[plural(figures.events, "event"), plural(figures.upcomingSessions, "upcoming session"), plural(figures.activeBookings, "active booking")].join(" · ")}
          </p>
          <div className="dashboard-filter">
            <input id={toggleId} type="checkbox" checked={showAll} onChange={(event) => setShowAll(event.target.checked)} aria-describedby={`${toggleId}-hint`} />
            <label htmlFor={toggleId}>Show past and cancelled</label>
            <span id={`${toggleId}-hint`} className="muted small-text">
              {showAll ? "Showing everything." : hidden > 0 ? `${plural(hidden, "event")} hidden.` : "Nothing hidden."}
            </span>
          </div>
          {shown.length === 0 ? (
            <EmptyState title="No current events.">
              <p className="muted">All your events are past or cancelled. Tick “Show past and cancelled” to see them.</p>
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
