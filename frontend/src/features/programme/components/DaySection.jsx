/** The day of a session and after it: its figures (seats booked and checked in, who came, no-shows, walk-ins, late
 *  cancels, the average rating), what "attendance" means until the session closes, and adding walk-ins while
 *  check-in is open. */
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { WalkInForm } from "./WalkInForm.jsx";

/** Check-in opens this long before the start (the API's CHECKIN_OPENS_MINUTES default); the walk-in form follows it,
 *  and the server's checkin_not_open or checkin_closed answers any difference. */
export const CHECKIN_OPENS_MINUTES = 60;

export function checkinOpen(session, now) {
  if (session.status === "cancelled") return false;
  const opens = new Date(session.starts_at).getTime() - CHECKIN_OPENS_MINUTES * 60_000;
  return opens <= now && now < new Date(session.ends_at).getTime();
}

const ratingText = (average) => (average == null ? "—" : `${average.toFixed(1)} ★`);

const FIGURES = [
  ["booked", "day.booked"],
  ["checked_in", "day.checkedIn"],
  ["attended", "day.attended"],
  ["no_shows", "day.noShows"],
  ["walk_ins", "day.walkIns"],
  ["late_cancels", "day.lateCancels"],
];

/** figures: the attendance query; session: the session; now: the instant check-in is judged open at. */
export function DaySection({ figures, session, now }) {
  const { t } = useTranslation("programme");
  let body;
  if (figures.isPending) body = <Loading label={t("day.loading")} />;
  else if (figures.isError) body = <ErrorMessage error={figures.error} title={t("day.loadFailed")} onRetry={() => figures.refetch()} />;
  else {
    const data = figures.data;
    body = (
      <>
        <dl className="facts day-figures">
          {FIGURES.map(([key, label]) => (
            <div key={key}>
              <dt>{t(label)}</dt>
              <dd>{data[key] ?? 0}</dd>
            </div>
          ))}
          <div>
            <dt>{t("day.averageRating")}</dt>
            <dd>{ratingText(data.average_rating)}</dd>
          </div>
        </dl>
        <p className="muted small-text" id="attendance-note">
          {data.closed
            ? t("day.closedNote")
            : t("day.openNote")}
        </p>
      </>
    );
  }
  return (
    <section aria-labelledby="day-heading" className="session-section day-section">
      <h2 id="day-heading">{t("day.heading")}</h2>
      {body}
      {checkinOpen(session, now) && <WalkInForm sessionId={session.id} paid={session.price > 0} />}
    </section>
  );
}
