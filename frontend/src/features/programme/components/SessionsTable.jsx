/** One event's sessions: when (in the event's zone; under it, an online or hybrid session's mode and video link and,
 *  for a paid session, what was paid, is pending and was refunded), booked (and how many wait for a seat), seats left,
 *  status, and a link to manage each; with showEmails, how the emails about each session's bookings stand, under its
 *  time too. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EventTime } from "../../../components/EventTime.jsx";
import { eventTimes } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { EmailCounts } from "./EmailCounts.jsx";
import { PaymentCounts } from "./PaymentCounts.jsx";
import { SessionPlace } from "./SessionPlace.jsx";
import { SESSION_STATE_LABELS, SESSION_STATE_PILLS, sessionState } from "../schedule.js";

export function SessionStatus({ session, now }) {
  const { t } = useTranslation("programme");
  const state = sessionState(session, now);
  return <span className={`pill ${SESSION_STATE_PILLS[state]}`}>{t(SESSION_STATE_LABELS[state])}</span>;
}

/** timeZone: the event's zone. */
export function SessionsTable({ eventTitle, sessions, timeZone, now, showEmails = false }) {
  const { t } = useTranslation("programme");
  return (
    <div className="table-wrap">
      <table className="table-stack table-middle sessions-table">
        <caption className="visually-hidden">{t("sessionsTable.caption", { title: eventTitle })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("sessionsTable.when")}</th>
            <th scope="col">{t("sessionsTable.booked")}</th>
            <th scope="col">{t("sessionsTable.seatsLeft")}</th>
            <th scope="col">{t("sessionsTable.status")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("sessionsTable.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => {
            const when = eventTimes(session.starts_at, session.ends_at, timeZone).text;
            const state = sessionState(session, now);
            return (
              <tr key={session.id}>
                <td>
                  <EventTime start={session.starts_at} end={session.ends_at} timeZone={timeZone} />
                  <SessionPlace session={session} label={when} />
                  <PaymentCounts session={session} />
                  {showEmails && <EmailCounts emails={session.emails} />}
                </td>
                <td data-label={t("sessionsTable.booked")}>
                  <span className="booked-count">
                    {session.seats_taken} / {session.capacity}
                  </span>
                  {session.waiting > 0 && (
                    <>
                      {" "}
                      <span className="waiting-count">{t("sessionsTable.waiting", { count: session.waiting })}</span>
                    </>
                  )}
                </td>
                <td data-label={t("sessionsTable.seatsLeft")}>{state === "cancelled" || state === "past" ? "—" : session.seats_left}</td>
                <td>
                  <SessionStatus session={session} now={now} />
                </td>
                <td className="cell-action">
                  <Link to={paths.facilitatorSession(session.id)} aria-label={t("sessionsTable.manageLabel", { when })}>
                    {t("sessionsTable.manage")}
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
