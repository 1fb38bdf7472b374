/** A studio's timetable widget (/embed/:slug/timetable): seven days of its sessions from today, day by day, with the
 *  seven before and after a button away (?week=, the first day, replaced rather than pushed: the frame adds no step
 *  to the host page's history, and coming back from an event finds the same days). Each title opens the event in
 *  the widget; Book opens the app's event page in a new tab. */
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { paths } from "../../../lib/paths.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useTimetable } from "../timetable-api.js";
import { addDays, dayLabels, dayOrNull, today, weekDays } from "../week.js";
import { EmbedBookLink } from "./EmbedBookLink.jsx";
import { Week } from "./TimetableWeek.jsx";

/** The studio's name, from any session of the week (the answer names each event's studio). */
const studioNameOf = (data) => data?.days.flatMap((day) => day.sessions).find((session) => session.event?.studio)?.event.studio.name;

const bookLink = (session, availability) => <EmbedBookLink event={session.event} availability={availability} />;

export function EmbedTimetable() {
  const { t } = useTranslation("events");
  const { slug } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  // From today, not from Monday: a visitor to a studio's site wants what is coming (on a Sunday a Monday week would
  // be six days gone).
  const thisWeek = today();
  const week = dayOrNull(searchParams.get("week")) ?? thisWeek;
  const setWeek = (first) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (first === thisWeek) next.delete("week");
        else next.set("week", first);
        return next;
      },
      { replace: true },
    );
  const timetable = useTimetable({ week, studio: slug });
  const name = studioNameOf(timetable.data);
  const title = name ? t("embed.studioTimetable", { name }) : t("timetable.title");
  usePageTitle(title);
  const days = weekDays(week);
  const count = timetable.data && !timetable.isPlaceholderData ? timetable.data.days.reduce((sum, day) => sum + day.sessions.length, 0) : null;

  let body;
  if (timetable.isPending) body = <Loading label={t("timetable.loading")} />;
  else if (timetable.isError && !timetable.data) body = <ErrorMessage error={timetable.error} title={t("timetable.loadError")} onRetry={() => timetable.refetch()} />;
  else body = <Week days={timetable.data.days} busy={timetable.isPlaceholderData} sessionAction={bookLink} eventLink={(event) => paths.embedEvent(slug, event.id)} />;

  return (
    <section className="timetable-page embed-view">
      <div className="timetable-head">
        <h1>{title}</h1>
        <nav className="week-nav" aria-label={t("weeks.label")}>
          <button type="button" className="button secondary small" onClick={() => setWeek(addDays(week, -7))}>
            <span aria-hidden="true">← </span>
            {t("weeks.previous")}
          </button>
          <button type="button" className="button secondary small" onClick={() => setWeek(thisWeek)} disabled={week === thisWeek}>
            {t("weeks.this")}
          </button>
          <button type="button" className="button secondary small" onClick={() => setWeek(addDays(week, 7))}>
            {t("weeks.next")}
            <span aria-hidden="true"> →</span>
          </button>
        </nav>
      </div>
      <p className="week-span" role="status" aria-live="polite">
        {dayLabels(days[0]).short} – {dayLabels(days[6]).short} {days[6].slice(0, 4)}
        {count !== null && t("weeks.sessionCount", { count })}
      </p>
      {body}
    </section>
  );
}
