/** A teacher's weekly hours and their days off and extra hours from today on, on the studio's clock: one teacher's
 *  (teacherId, appointments.manage) or the signed-in teacher's own (null). Saved whole: the week replaces the week. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { dayText } from "../../../lib/calendar-days.js";
import { localeTag } from "../../../lib/i18n.js";
import { badRows, hoursToRows, newException, newStretch, rowsToHours } from "../hours.js";
import { useHours, useSaveHours } from "../staff-api.js";

/** Monday … Sunday in the reader's language (0 is Monday, as the API counts). */
const weekdayName = (weekday) => new Intl.DateTimeFormat(localeTag(), { weekday: "long", timeZone: "UTC" }).format(Date.UTC(2024, 0, 1 + weekday));
const WEEK = [0, 1, 2, 3, 4, 5, 6];

function Times({ row, onChange, label, bad }) {
  const { t } = useTranslation("privates");
  return (
    <>
      <label className="hours-time">
        <span>{t("hours.from")}</span>
        <input type="time" value={row.starts} aria-label={t("hours.fromOf", { what: label })} aria-invalid={bad || undefined} onChange={(event) => onChange({ ...row, starts: event.target.value })} />
      </label>
      <label className="hours-time">
        <span>{t("hours.to")}</span>
        <input type="time" value={row.ends} aria-label={t("hours.toOf", { what: label })} aria-invalid={bad || undefined} onChange={(event) => onChange({ ...row, ends: event.target.value })} />
      </label>
    </>
  );
}

function Week({ rows, bad, onRows }) {
  const { t } = useTranslation("privates");
  const change = (next) => onRows({ ...rows, hours: rows.hours.map((row) => (row.key === next.key ? next : row)) });
  const remove = (key) => onRows({ ...rows, hours: rows.hours.filter((row) => row.key !== key) });
  return WEEK.map((weekday) => (
    <fieldset key={weekday} className="hours-day">
      <legend>{weekdayName(weekday)}</legend>
      {rows.hours.filter((row) => row.weekday === weekday).map((row) => (
        <div key={row.key} className="hours-row">
          <Times row={row} onChange={change} label={weekdayName(weekday)} bad={bad.has(row.key)} />
          <button type="button" className="button-link" onClick={() => remove(row.key)} aria-label={t("hours.removeOf", { what: weekdayName(weekday) })}>
            {t("hours.remove")}
          </button>
        </div>
      ))}
      <button type="button" className="button secondary small" onClick={() => onRows({ ...rows, hours: [...rows.hours, newStretch(weekday)] })} aria-label={t("hours.addOf", { what: weekdayName(weekday) })}>
        {t("hours.add")}
      </button>
    </fieldset>
  ));
}

function Exceptions({ rows, bad, onRows }) {
  const { t } = useTranslation("privates");
  const change = (next) => onRows({ ...rows, exceptions: rows.exceptions.map((row) => (row.key === next.key ? next : row)) });
  const remove = (key) => onRows({ ...rows, exceptions: rows.exceptions.filter((row) => row.key !== key) });
  return (
    <fieldset className="hours-day">
      <legend>{t("hours.exceptions")}</legend>
      <p className="muted small-text">{t("hours.exceptionsHint")}</p>
      {rows.exceptions.map((row, index) => (
        <div key={row.key} className="hours-row">
          <input type="date" value={row.day} aria-label={t("hours.dayOf", { number: index + 1 })} aria-invalid={bad.has(row.key) || undefined} onChange={(event) => change({ ...row, day: event.target.value })} />
          <select value={row.kind} aria-label={t("hours.kindOf", { number: index + 1 })} onChange={(event) => change({ ...row, kind: event.target.value })}>
            <option value="off">{t("hours.off")}</option>
            <option value="extra">{t("hours.extra")}</option>
          </select>
          <Times row={row} onChange={change} label={t("hours.exceptionNumber", { number: index + 1 })} bad={bad.has(row.key)} />
          <button type="button" className="button-link" onClick={() => remove(row.key)} aria-label={t("hours.removeException", { number: index + 1 })}>
            {t("hours.remove")}
          </button>
        </div>
      ))}
      <button type="button" className="button secondary small" onClick={() => onRows({ ...rows, exceptions: [...rows.exceptions, newException(dayText(Date.now()))] })}>
        {t("hours.addException")}
      </button>
    </fieldset>
  );
}

function Editor({ teacherId, document }) {
  const { t } = useTranslation("privates");
  const save = useSaveHours(teacherId);
  const [rows, setRows] = useState(() => hoursToRows(document));
  const [checked, setChecked] = useState(false);
  const [saved, setSaved] = useState(false);
  const bad = checked ? badRows(rows) : new Set();
  const edit = (next) => (setRows(next), setSaved(false));
  const submit = (event) => {
    event.preventDefault();
    setChecked(true);
    if (badRows(rows).size || save.isPending) return;
    save.mutate(rowsToHours(rows), { onSuccess: (answer) => (setRows(hoursToRows(answer)), setSaved(true), setChecked(false)) });
  };
  return (
    <form className="form hours-editor" onSubmit={submit} noValidate aria-label={t("hours.formLabel")}>
      <Week rows={rows} bad={bad} onRows={edit} />
      <Exceptions rows={rows} bad={bad} onRows={edit} />
      {bad.size > 0 && <p className="field-error" role="alert">{t("hours.fixTimes")}</p>}
      <ErrorMessage error={save.error} title={t("hours.notSaved")} />
      {saved && <SuccessMessage>{t("hours.saved")}</SuccessMessage>}
      <button type="submit" className="button primary" aria-disabled={save.isPending || undefined}>
        {save.isPending ? t("hours.saving") : t("hours.save")}
      </button>
    </form>
  );
}

export function HoursEditor({ teacherId = null }) {
  const { t } = useTranslation("privates");
  const hours = useHours(teacherId);
  if (hours.isPending) return <Loading label={t("hours.loading")} />;
  if (hours.error) return <ErrorMessage error={hours.error} title={t("hours.notLoaded")} onRetry={() => hours.refetch()} />;
  return <Editor key={teacherId ?? "me"} teacherId={teacherId} document={hours.data} />;
}
