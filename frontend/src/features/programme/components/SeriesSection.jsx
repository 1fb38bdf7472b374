/** A session of a weekly series, "this and later": a new start time, length, capacity, place (mode), video link or teacher for
 *  this session and the series' later ones (each keeps its own day; times on the event's clock), or cancelling them all, with a reason
 *  and the same emails and refunds as cancelling one session. What the API does with a series from a day on. The
 *  teacher goes to the sessions this one's teacher teaches; one given a substitute keeps them. */
import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { Field } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { formatDate, toZonedInput } from "../../../lib/format.js";
import { t as translate } from "../../../lib/i18n.js";
import { useCancelSeries, useUpdateSeries } from "../api.js";
import { checkMode, modeChanges, modeValues } from "../session-place.js";
import { useTeachers, withTeacher } from "../teachers-api.js";
import { ModeFields } from "./ModeFields.jsx";
import { ReasonField } from "./ReasonField.jsx";
import { SaveNotice } from "./SaveNotice.jsx";
import { TeacherField } from "./TeacherField.jsx";

const MINUTE = 60_000;

/** The form's values for a session: its day, start time and length on the event's clock, its capacity, mode, link
 *  and teacher. */
function seriesValues(session, timeZone) {
  const start = toZonedInput(session.starts_at, timeZone); // "2026-12-07T07:00"
  const minutes = Math.round((new Date(session.ends_at) - new Date(session.starts_at)) / MINUTE);
  const instructor_id = session.instructor?.id != null ? String(session.instructor.id) : "";
  return { from: start.slice(0, 10), start_time: start.slice(11, 16), duration_minutes: String(minutes), capacity: String(session.capacity), ...modeValues(session), instructor_id };
}

/** The mode and link changed, or nothing while both read as they did (so each later session keeps its own). */
const placeChanges = (values, original) =>
  values.mode === original.mode && values.video_url === original.video_url ? {} : modeChanges(values, original);

/** {from, …changed fields} in the API's form, or null when nothing changed. */
export function seriesChanges(values, original) {
  const changes = {};
  if (values.start_time !== original.start_time) changes.start_time = values.start_time;
  if (values.duration_minutes.trim() !== original.duration_minutes) changes.duration_minutes = Number(values.duration_minutes);
  if (values.capacity.trim() !== original.capacity) changes.capacity = Number(values.capacity);
  Object.assign(changes, placeChanges(values, original));
  if (values.instructor_id && values.instructor_id !== original.instructor_id) changes.instructor_id = Number(values.instructor_id);
  return Object.keys(changes).length ? { from: original.from, ...changes } : null;
}

/** After a change: how many sessions changed, that the people booked in a moved one are emailed, and who teaches now. */
export function seriesSavedText(answer, moved, teacher) {
  const count = answer.sessions_changed ?? 0;
  const told = moved ? translate("programme:series.changedMoved", { count }) : translate("programme:series.changed", { count });
  return teacher ? `${told} ${translate("programme:series.teacherChanged", { teacher })}` : told;
}

function CancelSeriesDialog({ cancel, from, day, onCancelled, onClose }) {
  const { t } = useTranslation("programme");
  const [reason, setReason] = useState("");
  const confirm = () =>
    cancel.mutateAsync({ from, reason: reason.trim() }).then(
      (answer) => onCancelled(answer),
      () => {},
    );
  return (
    <ConfirmDialog
      title={t("series.cancelTitle")}
      confirmLabel={t("series.cancelConfirm")}
      cancelLabel={t("series.cancelKeep")}
      danger
      busy={cancel.isPending}
      onConfirm={confirm}
      onCancel={onClose}
    >
      <p>
        <Trans t={t} i18nKey="series.cancelText" values={{ day }} components={{ strong: <strong /> }} />
      </p>
      <ReasonField value={reason} onChange={setReason} disabled={cancel.isPending} />
      <ErrorMessage error={cancel.error} title={t("series.cancelFailed")} />
    </ConfirmDialog>
  );
}

/** session: one of a series (series_id), not cancelled; event: its event (id, timezone); onCancelled(text). */
export function SeriesSection({ session, event, onCancelled }) {
  const { t } = useTranslation("programme");
  const original = seriesValues(session, event.timezone);
  const [values, setValues] = useState(original);
  const [notice, setNotice] = useState(null);
  const [checked, setChecked] = useState({}); // the link's message from checkMode, until the next change
  const [confirming, setConfirming] = useState(false);
  const update = useUpdateSeries(event.id, session.series_id);
  const teachers = withTeacher(useTeachers().data, session.instructor);
  const cancel = useCancelSeries(event.id, session.series_id);
  const day = formatDate(session.starts_at, { timeZone: event.timezone });
  const errors = update.error?.status === 400 ? update.error.details : {};
  const fieldError = (field) => checked[field] ?? ([errors[field]].flat().filter(Boolean).join(" ") || null);
  const setTo = (field, value) => {
    setValues({ ...values, [field]: value });
    setNotice(null);
    setChecked({});
  };
  const set = (field) => (changeEvent) => setTo(field, changeEvent.target.value);
  const onSubmit = (submitEvent) => {
    submitEvent.preventDefault();
    const changes = seriesChanges(values, original);
    if (!changes) {
      setNotice({ text: t("shared.nothingToSave") });
      return;
    }
    const problems = "mode" in changes || "video_url" in changes ? checkMode(values) : {};
    setChecked(problems);
    if (Object.keys(problems).length) return;
    const moved = "start_time" in changes || "duration_minutes" in changes;
    const teacher = "instructor_id" in changes ? teachers.find((one) => String(one.user_id) === values.instructor_id)?.name : null;
    update.mutate(changes, { onSuccess: (answer) => setNotice({ text: seriesSavedText(answer, moved, teacher), saved: true }) });
  };
  return (
    <section aria-labelledby="series-heading" className="session-section">
      <h2 id="series-heading">{t("series.heading")}</h2>
      <p className="muted">
        {t("series.intro", { day })}
      </p>
      <ErrorMessage error={update.error && !Object.keys(errors).length ? update.error : null} title={t("series.failed")} />
      <SaveNotice notice={notice} />
      <form className="form series-form" onSubmit={onSubmit} noValidate>
        <Field id="series-start-time" label={t("series.startTime", { zone: event.timezone })} error={fieldError("start_time")}>
          {(control) => <input {...control} type="time" value={values.start_time} onChange={set("start_time")} required />}
        </Field>
        <Field id="series-duration" label={t("series.length")} error={fieldError("duration_minutes")}>
          {(control) => <input {...control} type="number" min={5} step={5} inputMode="numeric" value={values.duration_minutes} onChange={set("duration_minutes")} required />}
        </Field>
        <Field id="series-capacity" label={t("shared.capacity")} error={fieldError("capacity")}>
          {(control) => <input {...control} type="number" min={1} inputMode="numeric" value={values.capacity} onChange={set("capacity")} required />}
        </Field>
        <ModeFields idPrefix="series" values={values} onChange={setTo} errors={{ mode: fieldError("mode"), video_url: fieldError("video_url") }} />
        <TeacherField
          id="series-teacher"
          teachers={teachers}
          value={values.instructor_id}
          onChange={(id) => setTo("instructor_id", id)}
          error={fieldError("instructor_id")}
          hint={t("series.teacherHint")}
        />
        <div className="actions">
          <SubmitButton busy={update.isPending} busyLabel={t("shared.saving")}>
            {t("series.change")}
          </SubmitButton>
          <button type="button" className="button danger" onClick={() => setConfirming(true)}>
            {t("series.cancel")}
          </button>
        </div>
      </form>
      {confirming && (
        <CancelSeriesDialog
          cancel={cancel}
          from={original.from}
          day={day}
          onClose={() => setConfirming(false)}
          onCancelled={(answer) => {
            setConfirming(false);
            const counts = { sessions: answer.sessions_cancelled ?? 0, bookings: answer.bookings_cancelled };
            onCancelled(answer.bookings_cancelled ? t("series.cancelledBooked", counts) : t("series.cancelledNobody", counts));
          }}
        />
      )}
    </section>
  );
}
