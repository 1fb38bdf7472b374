/** An event's sessions: when (and, under it, "Online" or "Online and in person" unless held in person only), who
 *  teaches (when the documents say), price, capacity, seats left (and how many wait for one), and a last cell for
 *  what the visitor can do about each. */
import { useTranslation } from "react-i18next";
import { EventTime } from "../../../components/EventTime.jsx";
import { sessionModeText } from "../../../lib/session-mode.js";
import { sessionAvailability, sessionPrice, sortedSessions, waitingLabel } from "../event-display.js";

const nothing = () => null;

/** sessionAction(session, availability, whenId) fills each row's last cell (whenId: the id of its "when" cell). */
export function SessionsTable({ event, sessionAction = nothing }) {
  const { t } = useTranslation("events");
  const sessions = sortedSessions(event);
  if (sessions.length === 0) return <p className="muted">{t("table.none")}</p>;
  const taught = sessions.some((session) => session.instructor?.name);

  return (
    <div className="table-wrap">
      <table className="table-stack table-middle">
        <caption className="visually-hidden">{t("table.caption", { title: event.title })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("table.when")}</th>
            {taught && <th scope="col">{t("table.teacher")}</th>}
            <th scope="col">{t("table.price")}</th>
            <th scope="col">{t("table.capacity")}</th>
            <th scope="col">{t("table.availability")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("table.booking")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => {
            const availability = sessionAvailability(session, event);
            const whenId = `session-${session.id}-when`;
            const waiting = availability.tone === "cancelled" ? null : waitingLabel(session);
            const mode = sessionModeText(session.mode);
            return (
              <tr key={session.id}>
                <td id={whenId} className="session-when">
                  <EventTime start={session.starts_at} end={session.ends_at} timeZone={event.timezone} />
                  {mode && <span className="session-mode">{mode}</span>}
                </td>
                {taught && <td data-label={t("table.teacher")}>{session.instructor?.name ?? "–"}</td>}
                <td data-label={t("table.price")} className="session-price">
                  {sessionPrice(session, event.tax_added)}
                </td>
                <td data-label={t("table.capacity")}>{session.capacity}</td>
                <td className="session-availability">
                  {availability.tone ? <span className={`pill ${availability.tone}`}>{availability.label}</span> : availability.label}
                  {waiting && (
                    <>
                      {" "}
                      <span className="session-waiting">{waiting}</span>
                    </>
                  )}
                </td>
                <td className="session-action cell-action">{sessionAction(session, availability, whenId)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
