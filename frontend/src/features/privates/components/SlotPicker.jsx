/** Choosing a private session's time: its teacher (any, or one), then one of the free slots of the next two weeks,
 *  day by day on the studio's clock. */
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { formatCalendarDay } from "../../../lib/format.js";
import { useSlots } from "../api.js";
import { slotKey, slotsByDay } from "../slots.js";
import { clockOf } from "../wording.js";

/** "Thursday, 3 December 2026": a day of slots, in the reader's language. */
const dayName = (day) => formatCalendarDay(day, "long");

export function SlotPicker({ slug, service, teacherId, onTeacher, chosen, onChoose }) {
  const { t } = useTranslation("privates");
  const slots = useSlots(slug, service.id, teacherId);
  const byDay = slots.data ? slotsByDay(slots.data.items, slots.data.timezone) : [];
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
      {byDay.map(({ day, slots: daySlots }) => (
        <fieldset key={day} className="slot-day">
          <legend>{dayName(day)}</legend>
          <div className="slot-times">
            {daySlots.map((slot) => {
              const pressed = chosen !== null && slotKey(chosen) === slotKey(slot);
              return (
                <button
                  key={slotKey(slot)}
                  type="button"
                  className={pressed ? "button primary slot" : "button secondary slot"}
                  aria-pressed={pressed}
                  onClick={() => onChoose({ ...slot, timezone: slots.data.timezone })}
                >
                  {clockOf(slot.starts_at, slots.data.timezone)}
                  {/* The space outside the span: an accessible name drops a span's own leading space. */}
                  {!teacherId && <> <span className="slot-teacher">{t("book.with", { teacher: slot.teacher.name })}</span></>}
                </button>
              );
            })}
          </div>
        </fieldset>
      ))}
    </div>
  );
}
