/** /facilitator/sessions/:sessionId/checkin: the door of a session, on a phone first. The count of who is here, the
 *  last scan's verdict, the camera, a typed code and the list by name; it works with no network once opened with
 *  one (the roster and its key are kept on the device, check-ins wait there and are sent when the network is back). */
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { formatRange } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useCheckinDesk } from "../use-checkin-desk.js";
import { clockTime, connectionText, countText } from "../wording.js";
import { CodeForm } from "./CodeForm.jsx";
import { PeopleList } from "./PeopleList.jsx";
import { Scanner } from "./Scanner.jsx";
import { SentRefused } from "./SentRefused.jsx";
import { Verdict } from "./Verdict.jsx";
import "../checkin.css";

const LOAD_MESSAGES = {
  network_error: "page.noSavedList",
  session_not_found: "page.notFound",
  not_found: "page.notFound",
  forbidden: "page.forbidden",
};

function Frame({ sessionId, children }) {
  const { t } = useTranslation("checkin");
  return (
    <section className="page checkin-page">
      <p className="back-link">
        <Link to={paths.facilitatorSession(sessionId)}>{t("page.back")}</Link>
      </p>
      {children}
    </section>
  );
}

/** renderPeople(seats, roster): what the app layer shows beside the list of who is coming (the client book's cards);
 *  renderForms(seat, onSigned): how the desk collects a seat's missing forms (onSigned reads the roster again). */
export function CheckinPage({ renderPeople, renderForms }) {
  const { t } = useTranslation("checkin");
  const { sessionId } = useParams();
  const desk = useCheckinDesk(sessionId);
  const { rosterQuery, roster } = desk;
  usePageTitle(roster ? t("page.titleOf", { title: roster.event.title }) : t("page.title"));

  if (!roster) {
    const known = LOAD_MESSAGES[rosterQuery.error?.code];
    return (
      <Frame sessionId={sessionId}>
        <h1>{t("page.heading")}</h1>
        {rosterQuery.isError ? (
          <ErrorMessage error={known ? { message: t(known) } : rosterQuery.error} title={t("page.loadFailed")} onRetry={() => rosterQuery.refetch()} />
        ) : (
          <Loading label={t("page.loading")} />
        )}
      </Frame>
    );
  }

  const { event, session } = roster;
  const timeZone = event.timezone;
  const live = rosterQuery.data.live;
  const waitingIds = new Set(desk.pending.map((entry) => entry.id));
  return (
    <Frame sessionId={sessionId}>
      <div className="checkin-head">
        <h1>{t("page.heading")}</h1>
        <p className="muted">
          {event.title} · {formatRange(session.starts_at, session.ends_at, { timeZone, label: true })}
        </p>
      </div>
      <div className={`checkin-status${desk.online && live ? "" : " offline"}`}>
        <div className="checkin-count">{countText(desk.count)}</div>
        <p className="checkin-connection" role="status">
          {connectionText({ online: desk.online, waiting: desk.pending.length, live })}
        </p>
        {desk.pending.length > 0 && desk.online && (
          <button type="button" className="button secondary small" onClick={desk.send}>
            {t("page.sendNow")}
          </button>
        )}
      </div>
      <ErrorMessage error={desk.problem} title={t("page.sendFailed")} onRetry={desk.send} />
      <Verdict
        verdict={desk.verdict}
        timeZone={timeZone}
        device={desk.device}
        opensAt={roster.opens_at}
        waiting={desk.verdict?.status === "checked_in" && waitingIds.has(desk.verdict.entryId)}
        online={desk.online}
        onUndo={desk.undo}
      />
      <SentRefused refusals={desk.refusals} onDismiss={desk.dismissRefusals} />
      <Scanner onCode={desk.checkInCode} />
      <CodeForm onCode={desk.checkInCode} disabled={!desk.ready} />
      <PeopleList seats={[...desk.seats.values()]} timeZone={timeZone} onCheckIn={desk.checkInSeat} onUndo={desk.undo} renderForms={renderForms && ((seat) => renderForms(seat, () => rosterQuery.refetch()))} />
      {renderPeople?.([...desk.seats.values()], roster)}
      <p className="muted small-text checkin-device">
        {t(live ? "page.deviceLive" : "page.deviceSaved", { device: desk.device, time: clockTime(rosterQuery.data.savedAt, timeZone) })}
      </p>
    </Frame>
  );
}
