/** /timetable: a week of sessions across events, a column a day (a list a day on a phone), today marked; previous and
 *  next week, filters by kind, teacher and title, all in the URL. Each session reads on its event's clock, with
 *  the viewer's time beside it where that differs; the app layer adds what a visitor can do about each. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { TIMETABLE_KINDS, useTimetable } from "../timetable-api.js";
import { addDays, dayLabels, mondayOf, today, weekDays } from "../week.js";
import { Week } from "./TimetableWeek.jsx";
import "../timetable.css";

const nothing = () => null;

/** The kinds' names in the plural, as the Kind filter offers them. */
const KIND_OPTIONS = { session: "kinds.session", retreat: "kinds.retreat" };
const defaultRender = (week) => week(nothing);

function useWeekFilters() {
  const [searchParams, setSearchParams] = useSearchParams();
  const thisWeek = mondayOf(today());
  const filters = {
    week: mondayOf(searchParams.get("week")) ?? thisWeek,
    kind: searchParams.get("kind") ?? "",
    q: searchParams.get("q") ?? "",
    teacher: searchParams.get("teacher") ?? "",
    facilitator: searchParams.get("facilitator") ?? "", // links from before the teacher filter: who made the event
  };
  const update = (changes) =>
    setSearchParams((current) => {
      const next = new URLSearchParams(current);
      for (const [name, value] of Object.entries(changes)) {
        if (!value || (name === "week" && value === thisWeek)) next.delete(name);
        else next.set(name, value);
      }
      return next;
    });
  return { filters, update, thisWeek };
}

/** renderWeek(week): what shows the week; week(sessionAction) renders it with each session's action. */
export function TimetablePage({ renderWeek = defaultRender }) {
  const { t } = useTranslation("events");
  usePageTitle(t("timetable.title"));
  const { filters, update, thisWeek } = useWeekFilters();
  const timetable = useTimetable(filters);
  const teachers = teachersOf(timetable.data, filters.teacher, t("timetable.teacherChosen"));
  const days = weekDays(filters.week);
  const span = `${dayLabels(days[0]).short} – ${dayLabels(days[6]).short} ${days[6].slice(0, 4)}`;

  let body;
  if (timetable.isPending) body = <Loading label={t("timetable.loading")} />;
  else if (timetable.isError && !timetable.data) body = <ErrorMessage error={timetable.error} title={t("timetable.loadError")} onRetry={() => timetable.refetch()} />;
  else body = renderWeek((sessionAction) => <Week days={timetable.data.days} busy={timetable.isPlaceholderData} sessionAction={sessionAction} />);

  return (
    <section className="page timetable-page">
      <div className="timetable-head">
        <h1>{t("timetable.title")}</h1>
        <nav className="week-nav" aria-label={t("weeks.label")}>
          <button type="button" className="button secondary small" onClick={() => update({ week: addDays(filters.week, -7) })}>
            <span aria-hidden="true">← </span>
            {t("weeks.previous")}
          </button>
          <button type="button" className="button secondary small" onClick={() => update({ week: thisWeek })} disabled={filters.week === thisWeek}>
            {t("weeks.this")}
          </button>
          <button type="button" className="button secondary small" onClick={() => update({ week: addDays(filters.week, 7) })}>
            {t("weeks.next")}
            <span aria-hidden="true"> →</span>
          </button>
        </nav>
      </div>
      <p className="week-span" role="status" aria-live="polite">
        {span}
        {timetable.data && !timetable.isPlaceholderData && t("weeks.sessionCount", { count: timetable.data.days.reduce((sum, day) => sum + day.sessions.length, 0) })}
      </p>
      <WeekFilters filters={filters} onChange={update} teachers={teachers} />
      {body}
    </section>
  );
}

/** [id, name] of who teaches the sessions of the week shown (each session's instructor), by name, and the one chosen
 *  even when the week has none of theirs (named chosenName). */
function teachersOf(data, chosen, chosenName) {
  const names = new Map();
  for (const day of data?.days ?? []) {
    for (const session of day.sessions) {
      const teacher = session.instructor ?? session.facilitator;
      if (teacher) names.set(String(teacher.id), teacher.name);
    }
  }
  if (chosen && !names.has(chosen)) names.set(chosen, chosenName);
  return [...names].sort(([, a], [, b]) => a.localeCompare(b));
}

function WeekFilters({ filters, onChange, teachers }) {
  const { t } = useTranslation("events");
  const [q, setQ] = useState(filters.q);
  return (
    <form
      className="timetable-filters"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ q: q.trim() });
      }}
    >
      <label>
        <span>{t("filters.search")}</span>
        <input type="search" value={q} onChange={(event) => setQ(event.target.value)} placeholder={t("timetable.searchPlaceholder")} />
      </label>
      <label>
        <span>{t("filters.kind")}</span>
        <select value={filters.kind} onChange={(event) => onChange({ kind: event.target.value })}>
          <option value="">{t("timetable.allKinds")}</option>
          {TIMETABLE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_OPTIONS[kind] ? t(KIND_OPTIONS[kind]) : kind}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("table.teacher")}</span>
        <select value={filters.teacher} onChange={(event) => onChange({ teacher: event.target.value, facilitator: "" })}>
          <option value="">{t("timetable.anyone")}</option>
          {teachers.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button secondary">
        {t("filters.search")}
      </button>
    </form>
  );
}
