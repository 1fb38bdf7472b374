/** /facilitator/events/:eventId: one of my events: its sessions, editing it (its time zone too), adding a session or a
 *  weekly series and,
 *  apart at the foot, cancelling it. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { Flash } from "../../../components/Flash.jsx";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { zoneLabel } from "../../../lib/format.js";
import { useStudio } from "../../../lib/studio.jsx";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useMyEvent } from "../api.js";
import { byStart, isCurrentEvent } from "../schedule.js";
import { toldDone } from "../wording.js";
import { AddSessionForm } from "./AddSessionForm.jsx";
import { CancelEventSection } from "./CancelEventSection.jsx";
import { RepeatWeeklyForm } from "./RepeatWeeklyForm.jsx";
import { EditEventForm } from "./EditEventForm.jsx";
import { MoneySection } from "./MoneySection.jsx";
import { PaymentPlanForm } from "./PaymentPlanForm.jsx";
import { QuestionsSection } from "./QuestionsSection.jsx";
import { SessionsTable } from "./SessionsTable.jsx";
import { BackLink } from "./BackLink.jsx";
import "../programme.css";

const LOAD_MESSAGES = {
  event_not_found: "manageEvent.notFound",
  not_found: "manageEvent.notFound",
  forbidden: "manageEvent.forbidden",
};

/** renderForms(event): what the app layer adds for the forms its bookings need (the forms feature's section). */
export function ManageEventPage({ renderForms }) {
  const { t } = useTranslation("programme");
  const { eventId } = useParams();
  const { can } = useStudio();
  const eventQuery = useMyEvent(eventId);
  const [message, setMessage] = useState(null);
  usePageTitle(eventQuery.data?.title ?? t("manageEvent.title"));

  if (eventQuery.isPending) {
    return (
      <section className="page">
        <BackLink />
        <h1>{t("manageEvent.title")}</h1>
        <Loading label={t("manageEvent.loading")} />
      </section>
    );
  }
  if (eventQuery.isError && !eventQuery.data) {
    const { error } = eventQuery;
    const known = LOAD_MESSAGES[error.code];
    return (
      <section className="page">
        <BackLink />
        <h1>{t("manageEvent.title")}</h1>
        <ErrorMessage error={known ? { message: t(known) } : error} title={t("manageEvent.loadFailed")} onRetry={known ? undefined : () => eventQuery.refetch()} />
      </section>
    );
  }

  const event = eventQuery.data;
  // Past, current and upcoming as of when the event was read: rendering stays pure, and each refetch moves it on.
  const now = eventQuery.dataUpdatedAt;
  const sessions = [...(event.sessions ?? [])].sort(byStart);
  // Instructors and the front desk read the event; changing it is events.manage's, its money money.view's.
  const manages = can("events.manage");
  return (
    <section className="page manage-event">
      <BackLink />
      <div className="page-head">
        <div>
          <h1>{event.title}</h1>
          <p className="muted">
            {[event.kind === "retreat" ? t("manageEvent.retreat") : t("manageEvent.session"), event.location, event.timezone && t("manageEvent.timesIn", { zone: zoneLabel(event.timezone) })].filter(Boolean).join(" · ")}
          </p>
        </div>
      </div>
      <Flash message={message} />
      {event.status === "cancelled" && (
        <div className="alert alert-error" role="note">
          {t("manageEvent.cancelled")}
        </div>
      )}
      <section aria-labelledby="event-sessions-heading" className="session-section">
        <h2 id="event-sessions-heading">{t("manageEvent.sessions")}</h2>
        {sessions.length > 0 ? <SessionsTable eventTitle={event.title} sessions={sessions} timeZone={event.timezone} now={now} showEmails={can("money.view")} /> : <p className="muted">{t("manageEvent.noSessions")}</p>}
      </section>
      {can("money.view") && <MoneySection event={event} />}
      {!manages && <p className="muted read-only-note">{t("manageEvent.readOnly")}</p>}
      {manages && event.kind === "retreat" && <PaymentPlanForm key={`plan-${event.id}`} event={event} />}
      {/* The add-session form starts afresh when the saved zone changes: its times were typed for the old one. */}
      {manages && <EditEventForm key={`edit-${event.id}`} event={event} now={now} />}
      {manages && <QuestionsSection key={`questions-${event.id}`} event={event} />}
      {manages && renderForms?.(event)}
      {manages && <AddSessionForm key={`add-${event.id}-${event.timezone}`} event={event} />}
      {manages && event.status !== "cancelled" && <RepeatWeeklyForm key={`repeat-${event.id}`} event={event} />}
      {manages && isCurrentEvent(event, now) && <CancelEventSection event={event} onCancelled={(told) => setMessage(`${t("manageEvent.cancelledNotice")} ${toldDone(told)}`)} />}
    </section>
  );
}
