/** Choosing a private session's time: its teacher (any, or one), then a day of the next two weeks that has free
 *  times (each day says how many), then one of that day's free times, on the studio's clock. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { formatCalendarDay } from "../../../lib/format.js";
import { useSlots } from "../api.js";
import { slotKey, slotsByDay } from "../slots.js";
import { clockOf } from "../wording.js";

/** "Thursday, 3 December 2026": a day of slots, in the reader's language. */
const dayName = (day) => formatCalendarDay(day, "long");
/** "Thu, 3 Dec": a day's button. */
const chipOf = (day) => formatCalendarDay(day, "chip");

function Days({ byDay, shown, onDay }) {
  const { t } = useTranslation("privates");
  return (
    <div className="slot-days" role="group" aria-label={t("book.days")}>
      {byDay.map(({ day, slots }) => (
        <button key={day} type="button" className={day === shown ? "button primary slot-day-button" : "button secondary slot-day-button"} aria-pressed={day === shown} onClick={() => onDay(day)}>
          {chipOf(day)} <span className="slot-teacher">{t("book.freeCount", { count: slots.length })}</span>
        </button>
      ))}
    </div>
  );
}

function Times({ day, slots, timeZone, teacherId, chosen, onChoose }) {
  const { t } = useTranslation("privates");
  return (
    <fieldset className="slot-day">
      <legend>{dayName(day)}</legend>
      <div className="slot-times">
        {slots.map((slot) => {
          const pressed = chosen !== null && slotKey(chosen) === slotKey(slot);
          return (
            <button key={slotKey(slot)} type="button" className={pressed ? "button primary slot" : "button secondary slot"} aria-pressed={pressed} onClick={() => onChoose({ ...slot, timezone: timeZone })}>
              {clockOf(slot.starts_at, timeZone)}
              {/* The space outside the span: an accessible name drops a span's own leading space. */}
              {!teacherId && <> <span className="slot-teacher">{t("book.with", { teacher: slot.teacher.name })}</span></>}
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}

export function SlotPicker({ slug, service, teacherId, onTeacher, chosen, onChoose }) {
  const { t } = useTranslation("privates");
  const slots = useSlots(slug, service.id, teacherId);
  const [day, setDay] = useState(null);
  const byDay = slots.data ? slotsByDay(slots.data.items, slots.data.timezone) : [];
  // The day asked for while it has free times, else the first that has.
  const shown = byDay.find((one) => one.day === day) ?? byDay[0];
  return (
    <div className="slot-picker">
      <label className="field">
        <span>{t("book.teacher")}</span>
        <select value={teacherId ?? ""} onChange={(event) => onTeacher(event.target.value ? Number(event.target.value) : null)}>
          <option value="">{t("book.anyTeacher")}</option>
          {service.teachers.map((teacher) => (
            <option key={teacher.id} value={teacher.id}>
              {teacher.name}
            </option>
          ))}
        </select>
      </label>
      {slots.isPending && <Loading label={t("book.loadingSlots")} />}
      <ErrorMessage error={slots.error} title={t("book.slotsNotLoaded")} onRetry={() => slots.refetch()} />
      {slots.data && byDay.length === 0 && <p className="muted">{t("book.noSlots")}</p>}
      {shown && (
        <>
          <Days byDay={byDay} shown={shown.day} onDay={setDay} />
          <Times day={shown.day} slots={shown.slots} timeZone={slots.data.timezone} teacherId={teacherId} chosen={chosen} onChoose={onChoose} />
        </>
      )}
    </div>
  );
}
