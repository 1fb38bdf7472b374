/** /facilitator/events/new: an event with one or more sessions, their times entered in the event's time zone. */
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { paths } from "../../../lib/paths.js";
import { useForm } from "../../../lib/use-form.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useCreateEvent } from "../api.js";
import { useAuth } from "../../../lib/auth.jsx";
import { DESCRIPTION_MAX, LOCATION_MAX, TITLE_MAX, asksIndianState, checkEvent, eventBody, formFieldOf, initialEvent, rowAfter, rowErrors } from "../event-form.js";
import { defaultTeacher, useTeachers } from "../teachers-api.js";
import { Field } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { SessionRowFields } from "./SessionRowFields.jsx";
import { TeacherField } from "./TeacherField.jsx";
import { ApprovalField } from "./ApprovalField.jsx";
import { RefundHoursField } from "./RefundHoursField.jsx";
import { TimeZoneField } from "./TimeZoneField.jsx";
import { BackLink } from "./BackLink.jsx";
import "../programme.css";

export function CreateEventPage() {
  const { t } = useTranslation("programme");
  usePageTitle(t("createEvent.title"));
  const needsFixing = { message: t("createEvent.needsFixing") };
  const createEvent = useCreateEvent();
  const { user } = useAuth();
  const teachers = useTeachers().data;
  // The teacher shown (and sent) until another is chosen: me when I teach here.
  const teacherOf = (values) => values.instructor_id || defaultTeacher(teachers, user?.id);
  const form = useForm({
    initialValues: initialEvent,
    validate: checkEvent,
    onInvalid: () => form.setFormError(needsFixing),
    onSubmit: async (values) => {
      await createEvent.mutateAsync(eventBody({ ...values, instructor_id: teacherOf(values) }));
      form.leave(paths.facilitator, { state: { message: t("createEvent.created") } });
    },
    onError: (error) => {
      if (error.status !== 400) {
        form.setFormError(error);
        return;
      }
      const { other } = form.showServerErrors(error, formFieldOf);
      form.setFormError(other.length ? { message: other.join(" ") } : needsFixing);
    },
  });
  const { formRef, values, errors, formError, busy } = form;
  const refundHours = form.field("refund_until_hours");
  const [focusRow, setFocusRow] = useState(null);
  const addButtonRef = useRef(null);
  const newRowInputRef = useRef(null);

  useEffect(() => {
    if (focusRow !== null) newRowInputRef.current?.focus();
  }, [focusRow]);

  const setField = (field) => (event) => form.setValue(field, event.target.value);
  const setRow = (index) => (field, value) => {
    form.setValues((current) => ({ ...current, sessions: current.sessions.map((row, i) => (i === index ? { ...row, [field]: value } : row)) }));
    form.setErrors((current) => ({ ...current, [`sessions.${index}.${field}`]: undefined }));
  };
  const addRow = () => {
    form.setValues((current) => ({ ...current, sessions: [...current.sessions, rowAfter(current.sessions.at(-1))] }));
    setFocusRow(values.sessions.length);
  };
  const removeRow = (index) => {
    form.setValues((current) => ({ ...current, sessions: current.sessions.filter((_, i) => i !== index) }));
    // Row numbers shift, so old row errors would land on the wrong rows.
    form.setErrors((current) => Object.fromEntries(Object.entries(current).filter(([path]) => !path.startsWith("sessions."))));
    setFocusRow(null);
    addButtonRef.current?.focus();
  };

  return (
    <section className="page create-event">
      <BackLink />
      <h1>{t("createEvent.title")}</h1>
      <ErrorMessage error={formError} title={t("createEvent.failed")} />
      <form ref={formRef} className="form create-event-form" onSubmit={form.handleSubmit} noValidate>
        {/* Not disabled while saving: that would take the focus away, and an error would leave it nowhere. */}
        <fieldset className="plain-fieldset">
          <legend className="visually-hidden">{t("eventFields.legend")}</legend>
          <Field id="event-title" label={t("eventFields.title")} error={errors.title}>
            {(control) => <input {...control} type="text" value={values.title} onChange={setField("title")} maxLength={TITLE_MAX} required />}
          </Field>
          <Field id="event-kind" label={t("eventFields.kind")} error={errors.kind} hint={t("createEvent.kindHint")}>
            {(control) => (
              <select {...control} value={values.kind} onChange={setField("kind")}>
                <option value="session">{t("eventFields.session")}</option>
                <option value="retreat">{t("eventFields.retreat")}</option>
              </select>
            )}
          </Field>
          <Field id="event-location" label={t("eventFields.location")} error={errors.location}>
            {(control) => <input {...control} type="text" value={values.location} onChange={setField("location")} maxLength={LOCATION_MAX} />}
          </Field>
          <Field id="event-country" label={t("eventFields.country")} error={errors.location_country}>
            {(control) => <input {...control} type="text" value={values.location_country} onChange={setField("location_country")} maxLength={2} />}
          </Field>
          {asksIndianState(values.location_country) && (
            <Field id="event-state" label={t("eventFields.state")} error={errors.location_state_code}>
              {(control) => <input {...control} type="text" inputMode="numeric" value={values.location_state_code} onChange={setField("location_state_code")} maxLength={2} />}
            </Field>
          )}
          <Field id="event-description" label={t("eventFields.description")} error={errors.description}>
            {(control) => <textarea {...control} value={values.description} onChange={setField("description")} maxLength={DESCRIPTION_MAX} />}
          </Field>
          <RefundHoursField id="event-refund-hours" {...refundHours} />
          <ApprovalField id="event-approval" checked={values.requires_approval} onChange={(checked) => form.setValue("requires_approval", checked)} />
        </fieldset>

        <fieldset className="plain-fieldset">
          <legend className="sessions-legend">{t("createEvent.sessions")}</legend>
          <TimeZoneField
            id="event-timezone"
            value={values.timezone}
            onChange={(name) => form.setValue("timezone", name)}
            error={errors.timezone}
            hint={t("createEvent.zoneHint")}
          />
          <TeacherField
            id="event-teacher"
            teachers={teachers}
            value={teacherOf(values)}
            onChange={(id) => form.setValue("instructor_id", id)}
            error={errors.instructor_id}
            hint={t("createEvent.teacherHint")}
          />
          {errors.sessions && <p className="field-error">{errors.sessions}</p>}
          <div className="stack">
            {values.sessions.map((row, index) => (
              <SessionRowFields
                key={row.key}
                row={row}
                number={index + 1}
                timeZone={values.timezone}
                errors={rowErrors(errors, index)}
                onChange={setRow(index)}
                onRemove={values.sessions.length > 1 ? () => removeRow(index) : null}
                firstInputRef={index === focusRow ? newRowInputRef : undefined}
              />
            ))}
          </div>
          <button ref={addButtonRef} type="button" className="button secondary add-session" onClick={addRow}>
            {t("createEvent.addRow")}
          </button>
        </fieldset>

        <div className="actions">
          <SubmitButton busy={busy} busyLabel={t("createEvent.creating")}>
            {t("createEvent.submit")}
          </SubmitButton>
          <Link to={paths.facilitator} className="button secondary">
            {t("createEvent.back")}
          </Link>
        </div>
      </form>
    </section>
  );
}
