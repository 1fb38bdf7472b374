/** /facilitator/sessions/:sessionId: one session's registrants and waiting list, messaging them, editing and cancelling it,
 *  the way to its check-in page, and the day itself: attendance figures, walk-ins, corrections, feedback and a
 *  person's history. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { EventTime } from "../../../components/EventTime.jsx";
import { formatMoney } from "../../../lib/money.js";
import { paths } from "../../../lib/paths.js";
import { useStudio } from "../../../lib/studio.jsx";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useRegistrants } from "../api.js";
import { useSessionFigures } from "../attendance-api.js";
import { paymentCountsText, toldDone } from "../wording.js";
import { CancelSessionDialog } from "./CancelDialogs.jsx";
import { EditSessionForm } from "./EditSessionForm.jsx";
import { EmailCounts } from "./EmailCounts.jsx";
import { PaymentCounts } from "./PaymentCounts.jsx";
import { Flash } from "../../../components/Flash.jsx";
import { MessageSection } from "./MessageSection.jsx";
import { RegistrantsSection, WaitingListSection } from "./RegistrantsSection.jsx";
import { SessionPlace } from "./SessionPlace.jsx";
import { SessionStatus } from "./SessionsTable.jsx";
import { BackLink } from "./BackLink.jsx";
import { DaySection } from "./DaySection.jsx";
import { FeedbackSection } from "./FeedbackSection.jsx";
import { PersonHistoryDialog } from "./PersonHistoryDialog.jsx";
import { SeriesSection } from "./SeriesSection.jsx";
import { TeacherSection } from "./TeacherSection.jsx";
import "../programme.css";

const LOAD_MESSAGES = {
  session_not_found: "sessionPage.notFound",
  not_found: "sessionPage.notFound",
  forbidden: "sessionPage.forbidden",
};

function SessionFacts({ session, timeZone, waiting }) {
  const { t } = useTranslation("programme");
  const { can } = useStudio();
  return (
    <dl className="facts">
      <div className="wide">
        <dt>{t("sessionPage.when")}</dt>
        <dd>
          <EventTime start={session.starts_at} end={session.ends_at} timeZone={timeZone} />
        </dd>
      </div>
      <div className="wide">
        <dt>{t("sessionPage.where")}</dt>
        <dd>
          <SessionPlace session={session} always />
        </dd>
      </div>
      {session.instructor?.name && (
        <div className="wide">
          <dt>{t("sessionPage.teacher")}</dt>
          <dd>{session.instructor.name}</dd>
        </div>
      )}
      <div>
        <dt>{t("shared.capacity")}</dt>
        <dd>{session.capacity}</dd>
      </div>
      <div>
        <dt>{t("sessionPage.seatsTaken")}</dt>
        <dd>{session.seats_taken}</dd>
      </div>
      <div>
        <dt>{t("sessionPage.seatsLeft")}</dt>
        <dd>{session.status === "cancelled" ? "—" : session.seats_left}</dd>
      </div>
      <div>
        <dt>{t("sessionPage.waiting")}</dt>
        <dd>{waiting}</dd>
      </div>
      {Number.isFinite(session.price) && (
        <div>
          <dt>{t("sessionPage.price")}</dt>
          <dd>{formatMoney(session.price, session.currency)}</dd>
        </div>
      )}
      <div>
        <dt>{t("sessionPage.status")}</dt>
        <dd>
          <SessionStatus session={session} />
        </dd>
      </div>
      {can("money.view") && paymentCountsText(session) && (
        <div className="wide">
          <dt>{t("sessionPage.payments")}</dt>
          <dd>
            <PaymentCounts session={session} />
          </dd>
        </div>
      )}
      {can("money.view") && session.emails && (
        <div className="wide">
          <dt>{t("sessionPage.emails")}</dt>
          <dd>
            <EmailCounts emails={session.emails} />
          </dd>
        </div>
      )}
    </dl>
  );
}

export function SessionPage() {
  const { t } = useTranslation("programme");
  const { sessionId } = useParams();
  const { can } = useStudio();
  // What the role reads and changes here (docs/permissions.md): the front desk sees the registrants and checks in.
  const reads = can("registrants.own");
  const manages = can("events.manage");
  const registrants = useRegistrants(sessionId);
  const figures = useSessionFigures(sessionId, { enabled: reads });
  const [person, setPerson] = useState(null); // whose history the dialog shows
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState(null);
  usePageTitle(registrants.data?.event?.title ?? t("sessionPage.title"));

  if (registrants.isPending) {
    return (
      <section className="page">
        <BackLink />
        <h1>{t("sessionPage.title")}</h1>
        <Loading label={t("sessionPage.loading")} />
      </section>
    );
  }
  if (registrants.isError) {
    const { error } = registrants;
    const known = LOAD_MESSAGES[error.code];
    return (
      <section className="page">
        <BackLink />
        <h1>{t("sessionPage.title")}</h1>
        <ErrorMessage
          error={known ? { message: t(known) } : error}
          title={t("sessionPage.loadFailed")}
          onRetry={known ? undefined : () => registrants.refetch()}
        />
      </section>
    );
  }

  const { session, event, active, items, waiting = [] } = registrants.data;
  const cancelled = session.status === "cancelled";
  const seats = active ?? session.seats_taken;
  const booked = (items ?? []).filter((registrant) => registrant.status === "active").length; // who a message reaches
  // Over or not as of when the session was read: rendering stays pure, and each refetch moves it on.
  const now = registrants.dataUpdatedAt;
  const closed = Boolean(figures.data?.closed);
  return (
    <section className="page session-page">
      <BackLink />
      <div className="page-head">
        <div>
          <h1>{event.title}</h1>
          <p className="muted">{[event.kind === "retreat" ? t("sessionPage.retreat") : t("sessionPage.session"), event.location].filter(Boolean).join(" · ")}</p>
        </div>
        {!cancelled && (
          <div className="actions">
            {/* The door: check people in by QR code, code or name, with or without a network. */}
            <Link to={paths.facilitatorCheckin(session.id)} className="button primary">
              {t("sessionPage.checkin")}
            </Link>
            {manages && (
              <button type="button" className="button danger" onClick={() => setConfirming(true)}>
                {t("sessionPage.cancel")}
              </button>
            )}
          </div>
        )}
      </div>
      <Flash message={message} />
      <SessionFacts session={session} timeZone={event.timezone} waiting={waiting.length} />
      {reads && !cancelled && <DaySection figures={figures} session={session} now={now} />}
      <RegistrantsSection sessionId={session.id} registrants={items ?? []} seats={seats} closed={closed} onOpenPerson={reads ? setPerson : undefined} />
      {reads && closed && <FeedbackSection sessionId={session.id} />}
      <WaitingListSection waiting={waiting} />
      {(can("messages.own") || can("messages.all")) && <MessageSection key={session.id} session={session} active={booked} now={now} />}
      {/* Keyed by the zone too: its fields read the times on the event's clocks. */}
      {manages && <TeacherSection key={`teacher-${session.id}`} session={session} />}
      {manages && <EditSessionForm key={`${session.id}-${event.timezone}`} session={session} timeZone={event.timezone} />}
      {manages && session.series_id != null && !cancelled && (
        <SeriesSection key={`series-${session.id}-${event.timezone}`} session={session} event={event} onCancelled={setMessage} />
      )}
      {person && <PersonHistoryDialog person={person} onClose={() => setPerson(null)} />}
      {confirming && (
        <CancelSessionDialog
          session={session}
          timeZone={event.timezone}
          onClose={() => setConfirming(false)}
          onCancelled={(told) => {
            setConfirming(false);
            setMessage(`${t("sessionPage.cancelledNotice")} ${toldDone(told)}`);
          }}
        />
      )}
    </section>
  );
}
