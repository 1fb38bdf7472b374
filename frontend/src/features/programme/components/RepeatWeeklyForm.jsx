/** "Repeat weekly": sessions on chosen days of the week at one time on the event's clock, from a first day until a
 *  number of sessions or a last day, taught by one of the studio's teachers, with the dates shown before saving;
 *  saved as one series (a recurrence rule). */
import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { Field, InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { formatDate, zoneLabel } from "../../../lib/format.js";
import { useAuth } from "../../../lib/auth.jsx";
import { useForm } from "../../../lib/use-form.js";
import { useAddSeries } from "../api.js";
import { checkCapacity, checkPrice, DEFAULT_CURRENCY, priceInMinorUnits } from "../form-rules.js";
import { checkMode, MODE_FIELDS, modeRequest, modeValues } from "../session-place.js";
import { MAX_SERIES_SESSIONS, seriesDates, WEEKDAYS, weekdayOf, weeklyRule } from "../series.js";
import { defaultTeacher, latestTeacherId, teacherRequest, useTeachers } from "../teachers-api.js";
import { ModeFields } from "./ModeFields.jsx";
import { PriceFields } from "./PriceFields.jsx";
import { TeacherField } from "./TeacherField.jsx";

// A rule the server refuses ("rrule") has no field of its own: it shows above the form.
const FIELDS = ["starts_on", "start_time", "duration_minutes", "capacity", "price", "currency", "instructor_id", ...MODE_FIELDS];
const PREVIEW_SHOWN = 12;
const emptyValues = () => ({ days: [], starts_on: "", start_time: "", duration_minutes: "60", ends: "count", count: "10", until: "", capacity: "", price: "", currency: DEFAULT_CURRENCY, ...modeValues() });

/** "Mon, 4 Jan 2027" for the calendar day "2027-01-04" (a day, read on no clock but its own). */
const readableDate = (text) => formatDate(`${text}T00:00:00Z`, { timeZone: "UTC" });

/** {field: message} for what is wrong; t: the programme namespace's. */
function clientErrors(values, t) {
  const errors = {};
  if (values.days.length === 0) errors.days = t("repeatWeekly.daysMissing");
  if (!values.starts_on) errors.starts_on = t("repeatWeekly.firstDayMissing");
  if (!values.start_time) errors.start_time = t("repeatWeekly.timeMissing");
  const minutes = Number(values.duration_minutes);
  if (!Number.isInteger(minutes) || minutes < 5 || minutes > 20160) errors.duration_minutes = t("repeatWeekly.duration");
  if (values.ends === "count" && !(Number.isInteger(Number(values.count)) && Number(values.count) >= 1)) errors.count = t("repeatWeekly.countMissing");
  if (values.ends === "until" && !values.until) errors.until = t("repeatWeekly.lastDayMissing");
  else if (values.ends === "until" && values.starts_on && values.until < values.starts_on) errors.until = t("repeatWeekly.lastBeforeFirst");
  const capacity = checkCapacity(String(values.capacity).trim());
  if (capacity) errors.capacity = capacity;
  const price = checkPrice(values.price, values.currency);
  if (price) errors.price = price;
  Object.assign(errors, checkMode(values));
  if (Object.keys(errors).length === 0) {
    const { dates, more } = seriesDates(values);
    if (more) errors[values.ends] = t("repeatWeekly.tooMany", { max: MAX_SERIES_SESSIONS });
    else if (dates.length === 0) errors.days = t("repeatWeekly.noDates");
  }
  return errors;
}

/** event: the saved event; the time typed is on its clock. */
export function RepeatWeeklyForm({ event }) {
  const { t } = useTranslation("programme");
  const [added, setAdded] = useState(null);
  const addSeries = useAddSeries(event.id);
  const { user } = useAuth();
  const teachers = useTeachers().data;
  // Shown (and sent) until another is chosen: whoever teaches the latest session, else me.
  const teacherOf = (values) => values.instructor_id || defaultTeacher(teachers, user?.id, latestTeacherId(event));
  const form = useForm({
    initialValues: emptyValues,
    validate: (values) => clientErrors(values, t),
    onSubmit: async (values) => {
      const made = await addSeries.mutateAsync({
        rrule: weeklyRule(values),
        starts_on: values.starts_on,
        start_time: values.start_time,
        duration_minutes: Number(values.duration_minutes),
        capacity: Number(values.capacity),
        price: priceInMinorUnits(values.price, values.currency),
        currency: values.currency,
        ...teacherRequest(teacherOf(values)),
        ...modeRequest(values),
      });
      form.setValues(emptyValues());
      setAdded(t("repeatWeekly.added", { count: made.sessions.length }));
    },
    onError: (error) => (error.status === 400 ? form.showBadRequest(error, FIELDS) : form.setFormError(error)),
  });
  const { formRef, values, errors, formError, busy } = form;
  const setTo = (field, value) => {
    form.setValue(field, value);
    setAdded(null);
  };
  const set = (field) => (changeEvent) => setTo(field, changeEvent.target.value);
  const toggleDay = (code) => setTo("days", values.days.includes(code) ? values.days.filter((day) => day !== code) : [...values.days, code]);
  const setFirstDay = (changeEvent) => {
    const day = changeEvent.target.value;
    setTo("starts_on", day);
    // The first day's weekday is the likeliest one to repeat on.
    if (values.days.length === 0 && weekdayOf(day)) form.setValue("days", [weekdayOf(day)]);
  };
  const { dates, more } = seriesDates(values);

  return (
    <section aria-labelledby="repeat-weekly-heading" className="session-section">
      <h2 id="repeat-weekly-heading">{t("repeatWeekly.heading")}</h2>
      <p className="muted">{t("repeatWeekly.intro", { zone: zoneLabel(event.timezone) })}</p>
      <ErrorMessage error={formError} title={t("repeatWeekly.notAdded")} />
      <SuccessMessage>{added}</SuccessMessage>
      <form ref={formRef} className="form create-event-form" onSubmit={form.handleSubmit} noValidate>
        <fieldset className="plain-fieldset">
          <legend className="visually-hidden">{t("repeatWeekly.legend")}</legend>
          <div className="row">
            <InputField id="repeat-starts-on" label={t("repeatWeekly.firstDay")} type="date" value={values.starts_on} onChange={setFirstDay} error={errors.starts_on} required />
            <InputField id="repeat-start-time" label={t("shared.startsAt")} type="time" value={values.start_time} onChange={set("start_time")} error={errors.start_time} required />
            <InputField id="repeat-duration" label={t("repeatWeekly.length")} type="number" min={5} step={5} inputMode="numeric" value={values.duration_minutes} onChange={set("duration_minutes")} error={errors.duration_minutes} required />
          </div>
          <fieldset className="weekday-picker" aria-invalid={errors.days ? "true" : undefined} aria-describedby={errors.days ? "repeat-days-error" : undefined}>
            <legend>{t("repeatWeekly.on")}</legend>
            {WEEKDAYS.map((day) => (
              <label key={day.code} className="weekday">
                <input type="checkbox" checked={values.days.includes(day.code)} onChange={() => toggleDay(day.code)} aria-label={t(day.name)} />
                <span aria-hidden="true">{t(day.short)}</span>
              </label>
            ))}
            {errors.days && (
              <p id="repeat-days-error" className="field-error">
                {errors.days}
              </p>
            )}
          </fieldset>
          <div className="row">
            <Field id="repeat-ends" label={t("repeatWeekly.ends")}>
              {(control) => (
                <select {...control} value={values.ends} onChange={set("ends")}>
                  <option value="count">{t("repeatWeekly.endsAfter")}</option>
                  <option value="until">{t("repeatWeekly.endsOn")}</option>
                </select>
              )}
            </Field>
            {values.ends === "count" ? (
              <InputField id="repeat-count" label={t("repeatWeekly.count")} type="number" min={1} max={MAX_SERIES_SESSIONS} inputMode="numeric" value={values.count} onChange={set("count")} error={errors.count} />
            ) : (
              <InputField id="repeat-until" label={t("repeatWeekly.lastDay")} type="date" value={values.until} onChange={set("until")} error={errors.until} />
            )}
          </div>
          <div className="row">
            <Field id="repeat-capacity" label={t("shared.capacity")} error={errors.capacity}>
              {(control) => <input {...control} type="number" min={1} step={1} inputMode="numeric" value={values.capacity} onChange={set("capacity")} required />}
            </Field>
            <PriceFields idPrefix="repeat" price={values.price} currency={values.currency} onChange={setTo} errors={errors} />
          </div>
          <TeacherField id="repeat-teacher" teachers={teachers} value={teacherOf(values)} onChange={(id) => setTo("instructor_id", id)} error={errors.instructor_id} hint={t("repeatWeekly.teacherHint")} />
          <ModeFields idPrefix="repeat" values={values} onChange={setTo} errors={errors} />
          <SeriesPreview dates={dates} more={more} time={values.start_time} />
          <div className="actions">
            <SubmitButton busy={busy} busyLabel={t("repeatWeekly.adding")}>
              {dates.length > 0 && !more ? t("repeatWeekly.addCount", { count: dates.length }) : t("repeatWeekly.addSessions")}
            </SubmitButton>
          </div>
        </fieldset>
      </form>
    </section>
  );
}

/** The preview's heading: how many sessions (or more than the most), each at the time when one is chosen. */
function previewKey(more, time) {
  if (more) return time ? "repeatWeekly.preview.moreAt" : "repeatWeekly.preview.more";
  return time ? "repeatWeekly.preview.countAt" : "repeatWeekly.preview.count";
}

/** The dates the series will make (the first dozen, then how many more), so nothing is saved by surprise. */
function SeriesPreview({ dates, more, time }) {
  const { t } = useTranslation("programme");
  if (dates.length === 0) return null;
  const rest = dates.length - PREVIEW_SHOWN;
  return (
    <div className="series-preview" aria-live="polite">
      <p>
        <Trans t={t} i18nKey={previewKey(more, time)} values={{ count: dates.length, max: MAX_SERIES_SESSIONS, time }} components={{ strong: <strong /> }} />
      </p>
      <ul aria-label={t("repeatWeekly.dates")}>
        {dates.slice(0, PREVIEW_SHOWN).map((date) => (
          <li key={date}>{readableDate(date)}</li>
        ))}
        {rest > 0 && <li className="muted">{t("repeatWeekly.moreDates", { count: rest, last: readableDate(dates.at(-1)) })}</li>}
      </ul>
    </div>
  );
}
