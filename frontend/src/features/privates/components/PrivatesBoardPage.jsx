/** /facilitator/privates: the studio's board of private sessions, a day or a week, a column per teacher with their
 *  privates and the classes they give. The desk (appointments.board) sees every teacher or one, books a client in,
 *  moves a private, and (appointments.manage) cancels one; a teacher (appointments.own) sees their own column. The
 *  client picker and the desk's payment method come from the app layer (renderClientPicker, renderMethod). */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { formatCalendarDay } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { useStudio } from "../../../lib/studio.jsx";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { boardGrid, shiftDay } from "../board.js";
import { useServices } from "../api.js";
import { useBoard } from "../staff-api.js";
import { BoardEntry } from "./BoardEntry.jsx";
import { DeskPrivateForm } from "./DeskPrivateForm.jsx";
import "../privates.css";

const LENGTHS = { day: 1, week: 7 };
const WORDS = {
  day: { name: "board.day", earlier: "board.earlier.day", later: "board.later.day" },
  week: { name: "board.week", earlier: "board.earlier.week", later: "board.later.week" },
};

/** "Thursday, 3 December 2026", in the reader's language. */
const dayName = (day) => formatCalendarDay(day, "long");

/** Everyone who gives one of the studio's services, once each, by name: whom the board can be narrowed to. */
function teachersOf(services) {
  const byId = new Map((services ?? []).flatMap((service) => service.teachers).map((teacher) => [teacher.id, teacher]));
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function BoardControls({ board, teachers, view, onView, onFrom, teacherId, onTeacher }) {
  const { t } = useTranslation("privates");
  const { can } = useStudio();
  const step = LENGTHS[view];
  return (
    <div className="board-controls">
      <div className="actions" role="group" aria-label={t("board.length")}>
        {Object.keys(LENGTHS).map((one) => (
          <button key={one} type="button" className={view === one ? "button primary small" : "button secondary small"} aria-pressed={view === one} onClick={() => onView(one)}>
            {t(WORDS[one].name)}
          </button>
        ))}
      </div>
      <div className="actions" role="group" aria-label={t("board.dates")}>
        <button type="button" className="button secondary small" onClick={() => onFrom(shiftDay(board.from, -step))}>
          {t(WORDS[view].earlier)}
        </button>
        <button type="button" className="button secondary small" onClick={() => onFrom(null)}>
          {t("board.today")}
        </button>
        <button type="button" className="button secondary small" onClick={() => onFrom(shiftDay(board.from, step))}>
          {t(WORDS[view].later)}
        </button>
      </div>
      {can("appointments.board") && (
        <label className="field board-teacher">
          <span>{t("board.teacher")}</span>
          <select value={teacherId ?? ""} onChange={(event) => onTeacher(event.target.value ? Number(event.target.value) : null)}>
            <option value="">{t("board.everyone")}</option>
            {teachers.map((teacher) => (
              <option key={teacher.id} value={teacher.id}>
                {teacher.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}

function BoardDay({ day, columns, timeZone }) {
  const { t } = useTranslation("privates");
  const name = dayName(day);
  return (
    <section className="board-day" aria-label={name}>
      <h2>{name}</h2>
      <div className="board-columns">
        {columns.map(({ teacher, entries }) => (
          <section key={teacher.id} className="board-column card" aria-label={t("board.columnOf", { teacher: teacher.name, day: name })}>
            <h3>{teacher.name}</h3>
            {entries.length ? (
              <ul className="board-entries">
                {entries.map((entry) => (
                  <BoardEntry key={entry.key} entry={entry} timeZone={timeZone} />
                ))}
              </ul>
            ) : (
              <p className="muted small-text">{t("board.nothing")}</p>
            )}
          </section>
        ))}
      </div>
    </section>
  );
}

function Links() {
  const { t } = useTranslation("privates");
  const { can } = useStudio();
  return (
    <p className="actions">
      {can("appointments.manage") && <Link to={paths.privateServices}>{t("board.toServices")}</Link>}
      {can("appointments.own") && <Link to={paths.myHours}>{t("board.toHours")}</Link>}
    </p>
  );
}

export function PrivatesBoardPage({ renderClientPicker, renderMethod }) {
  const { t } = useTranslation("privates");
  usePageTitle(t("board.title"));
  const { can, studio } = useStudio();
  const [view, setView] = useState("day");
  const [from, setFrom] = useState(null);
  const [teacherId, setTeacherId] = useState(null);
  const [booking, setBooking] = useState(false);
  const board = useBoard({ from, days: LENGTHS[view], teacherId });
  const teachers = teachersOf(useServices(studio?.slug).data);
  return (
    <section className="page privates-board">
      <h1>{t("board.title")}</h1>
      <Links />
      {can("appointments.board") && (
        <p>
          <button type="button" className="button primary" aria-expanded={booking} onClick={() => setBooking(!booking)}>
            {t("board.bookClient")}
          </button>
        </p>
      )}
      {booking && <DeskPrivateForm renderClientPicker={renderClientPicker} renderMethod={renderMethod} />}
      {board.isPending && <Loading label={t("board.loading")} />}
      <ErrorMessage error={board.error} title={t("board.notLoaded")} onRetry={() => board.refetch()} />
      {board.data && (
        <>
          <BoardControls board={board.data} teachers={teachers} view={view} onView={setView} onFrom={setFrom} teacherId={teacherId} onTeacher={setTeacherId} />
          {board.data.teachers.length === 0 && <p className="muted">{t("board.noTeachers")}</p>}
          <div className={board.data.days > 1 ? "board-days board-week" : "board-days"}>
            {boardGrid(board.data).map(({ day, columns }) => (
              <BoardDay key={day} day={day} columns={columns} timeZone={board.data.timezone} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}
