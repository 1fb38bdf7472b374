/** Add a session to an event: its start and end on the event's clocks, its capacity, its price and currency (the
 *  event's latest session's currency to start with), who teaches it (the latest session's teacher to start with),
 *  where it happens (and its video link) and its room options, if any. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { Field } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { browserZone, formatEventRange, fromZonedInput } from "../../../lib/format.js";
import { useAuth } from "../../../lib/auth.jsx";
import { useForm } from "../../../lib/use-form.js";
import { isTimeZone } from "../../../lib/time-zones.js";
import { useAddSession } from "../api.js";
import { checkCapacity, checkPrice, checkTimes, DEFAULT_CURRENCY, priceInMinorUnits } from "../form-rules.js";
import { byStart } from "../schedule.js";
import { optionErrors, optionsRequest } from "../room-options.js";
import { checkMode, MODE_FIELDS, modeRequest, modeValues } from "../session-place.js";
import { defaultTeacher, latestTeacherId, teacherRequest, useTeachers } from "../teachers-api.js";
import { ModeFields } from "./ModeFields.jsx";
import { OptionRows } from "./OptionRows.jsx";
import { PriceFields } from "./PriceFields.jsx";
import { TeacherField } from "./TeacherField.jsx";
import { TimeLabel } from "./TimeZoneField.jsx";

const FIELDS = ["starts_at", "ends_at", "capacity", "price", "currency", "instructor_id", ...MODE_FIELDS];
const emptyValues = (currency, instructorId = "") => ({ starts_at: "", ends_at: "", capacity: "", price: "", currency, instructor_id: instructorId, ...modeValues(), options: [] });

/** The currency of the event's latest session: a new one is most likely priced like it. */
const latestCurrency = (event) => [...(event.sessions ?? [])].sort(byStart).at(-1)?.currency ?? DEFAULT_CURRENCY;

function clientErrors(values, timeZone) {
  const errors = checkTimes(values.starts_at, values.ends_at, { timeZone });
  const capacity = checkCapacity(String(values.capacity).trim());
  if (capacity) errors.capacity = capacity;
  const price = checkPrice(values.price, values.currency);
  if (price) errors.price = price;
  return { ...errors, ...checkMode(values), ...optionErrors(values.options, values.currency) };
}

/** event: the saved event; its zone (the viewer's when it has none) is the one the times are read in. */
export function AddSessionForm({ event }) {
  const { t } = useTranslation("programme");
  const timeZone = isTimeZone(event.timezone) ? event.timezone : browserZone();
  const [added, setAdded] = useState(null);
  const addSession = useAddSession(event.id);
  const cancelled = event.status === "cancelled";
  const { user } = useAuth();
  const teachers = useTeachers().data;
  // Shown (and sent) until another is chosen: whoever teaches the latest session, else me.
  const teacherOf = (values) => values.instructor_id || defaultTeacher(teachers, user?.id, latestTeacherId(event));
  const form = useForm({
    initialValues: () => emptyValues(latestCurrency(event)),
    validate: (values) => clientErrors(values, timeZone),
    onSubmit: async (values) => {
      const session = await addSession.mutateAsync({
        starts_at: fromZonedInput(values.starts_at, timeZone),
        ends_at: fromZonedInput(values.ends_at, timeZone),
        capacity: Number(values.capacity),
        price: priceInMinorUnits(values.price, values.currency),
        currency: values.currency,
        ...teacherRequest(teacherOf(values)),
        ...modeRequest(values),
        ...(values.options.length ? { options: optionsRequest(values.options, values.currency) } : {}),
      });
      form.setValues(emptyValues(values.currency, values.instructor_id));
      setAdded(t("addSession.added", { when: formatEventRange(session.starts_at, session.ends_at, timeZone) }));
    },
    onError: (error) => (error.status === 400 ? form.showBadRequest(error, FIELDS) : form.setFormError(error)),
  });
  const { formRef, values, errors, formError, busy } = form;
  const setTo = (field, value) => {
    form.setValue(field, value);
    setAdded(null);
  };
  const set = (field) => (changeEvent) => setTo(field, changeEvent.target.value);

  return (
    <section aria-labelledby="add-session-heading" className="session-section">
      <h2 id="add-session-heading">{t("addSession.heading")}</h2>
      {cancelled && <p className="muted">{t("addSession.cancelled")}</p>}
      <ErrorMessage error={formError} title={t("addSession.notAdded")} />
      <SuccessMessage>{added}</SuccessMessage>
      <form ref={formRef} className="form create-event-form" onSubmit={form.handleSubmit} noValidate>
        <fieldset className="plain-fieldset" disabled={cancelled}>
          <legend className="visually-hidden">{t("addSession.legend")}</legend>
          <div className="row">
            <Field id="add-session-starts-at" label={<TimeLabel text={t("shared.startsAt")} timeZone={timeZone} value={values.starts_at} />} error={errors.starts_at}>
              {(control) => <input {...control} type="datetime-local" value={values.starts_at} onChange={set("starts_at")} required />}
            </Field>
            <Field id="add-session-ends-at" label={<TimeLabel text={t("shared.endsAt")} timeZone={timeZone} value={values.ends_at || values.starts_at} />} error={errors.ends_at}>
              {(control) => <input {...control} type="datetime-local" value={values.ends_at} onChange={set("ends_at")} required />}
            </Field>
          </div>
          <Field id="add-session-capacity" label={t("shared.capacity")} error={errors.capacity}>
            {(control) => <input {...control} type="number" min={1} step={1} inputMode="numeric" value={values.capacity} onChange={set("capacity")} required />}
          </Field>
          <div className="row">
            <PriceFields idPrefix="add-session" price={values.price} currency={values.currency} onChange={setTo} errors={errors} />
          </div>
          <TeacherField id="add-session-teacher" teachers={teachers} value={teacherOf(values)} onChange={(id) => setTo("instructor_id", id)} error={errors.instructor_id} />
          <ModeFields idPrefix="add-session" values={values} onChange={setTo} errors={errors} />
          <OptionRows idPrefix="add-session" rows={values.options} currency={values.currency} onChange={(rows) => setTo("options", rows)} errors={errors} />
          <div className="actions">
            <SubmitButton busy={busy} busyLabel={t("addSession.adding")}>
              {t("addSession.submit")}
            </SubmitButton>
          </div>
        </fieldset>
      </form>
    </section>
  );
}
