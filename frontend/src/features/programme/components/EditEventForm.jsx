/**
 * Change an event's title, kind, location, description, time zone, refund or late-cancel cutoff; sends only what
 * changed. A new
 * zone keeps every session at the same moment: the form says how the next session will read there before it is saved.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { Field } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { formatRange } from "../../../lib/format.js";
import { useForm } from "../../../lib/use-form.js";
import { isTimeZone } from "../../../lib/time-zones.js";
import { useUpdateEvent } from "../api.js";
import { MAX_LATE_CANCEL_HOURS } from "../form-rules.js";
import { eventSavedText } from "../wording.js";
import { DESCRIPTION_MAX, DETAIL_FIELDS, LOCATION_MAX, TITLE_MAX, changedDetails, checkDetails, detailsOf } from "../event-form.js";
import { byStart, isCurrentSession } from "../schedule.js";
import { ApprovalField } from "./ApprovalField.jsx";
import { RefundHoursField } from "./RefundHoursField.jsx";
import { SaveNotice } from "./SaveNotice.jsx";
import { TimeZoneField } from "./TimeZoneField.jsx";

/** "Your next session, Wed, 25 Nov 2026, 07:00 – 08:00 IST, will read Wed, 25 Nov 2026, 02:30 – 03:30 CET." */
function zoneChangeNote(event, newZone, now, t) {
  if (!event.timezone || newZone === event.timezone || !isTimeZone(newZone)) return null;
  const sessions = [...(event.sessions ?? [])].sort(byStart);
  const next = sessions.find((session) => isCurrentSession(session, now)) ?? sessions.at(-1);
  if (!next) return t("editEvent.zoneKeeps");
  const before = formatRange(next.starts_at, next.ends_at, { timeZone: event.timezone, label: true });
  const after = formatRange(next.starts_at, next.ends_at, { timeZone: newZone, label: true });
  return t("editEvent.zoneMoves", { before, after });
}

/** event: the saved event (with its sessions); now: the instant "next session" is judged at. */
export function EditEventForm({ event, now }) {
  const { t } = useTranslation("programme");
  const [notice, setNotice] = useState(null); // {text, saved}
  const update = useUpdateEvent(event.id);
  const cancelled = event.status === "cancelled";
  const form = useForm({
    initialValues: () => detailsOf(event),
    validate: checkDetails,
    onSubmit: async (values) => {
      const changes = changedDetails(values, event);
      if (Object.keys(changes).length === 0) {
        setNotice({ text: t("shared.nothingToSave") });
        return;
      }
      const saved = await update.mutateAsync(changes);
      form.setValues(detailsOf(saved));
      setNotice({ text: eventSavedText(Object.keys(changes), saved.sessions), saved: true });
    },
    onError: (error) => (error.status === 400 ? form.showBadRequest(error, DETAIL_FIELDS) : form.setFormError(error)),
  });
  const { formRef, values, errors, formError, busy } = form;

  const set = (field) => (changeEvent) => {
    form.setValue(field, changeEvent.target.value);
    setNotice(null);
  };
  const onSubmit = (submitEvent) => {
    setNotice(null);
    form.handleSubmit(submitEvent);
  };
  const zoneNote = zoneChangeNote(event, values.timezone, now, t);

  return (
    <section aria-labelledby="edit-event-heading" className="session-section">
      <h2 id="edit-event-heading">{t("editEvent.heading")}</h2>
      {cancelled && <p className="muted">{t("editEvent.cancelled")}</p>}
      <ErrorMessage error={formError} title={t("editEvent.failed")} />
      <SaveNotice notice={notice} />
      <form ref={formRef} className="form create-event-form" onSubmit={onSubmit} noValidate>
        {/* Not disabled while saving: that would take the focus away from the field or button in use. */}
        <fieldset className="plain-fieldset" disabled={cancelled}>
          <legend className="visually-hidden">{t("eventFields.legend")}</legend>
          <Field id="edit-event-title" label={t("eventFields.title")} error={errors.title}>
            {(control) => <input {...control} type="text" value={values.title} onChange={set("title")} maxLength={TITLE_MAX} required />}
          </Field>
          <Field id="edit-event-kind" label={t("eventFields.kind")} error={errors.kind}>
            {(control) => (
              <select {...control} value={values.kind} onChange={set("kind")}>
                <option value="session">{t("eventFields.session")}</option>
                <option value="retreat">{t("eventFields.retreat")}</option>
              </select>
            )}
          </Field>
          <Field id="edit-event-location" label={t("eventFields.location")} error={errors.location}>
            {(control) => <input {...control} type="text" value={values.location} onChange={set("location")} maxLength={LOCATION_MAX} />}
          </Field>
          <Field id="edit-event-state" label={t("eventFields.state")} error={errors.location_state_code}>
            {(control) => <input {...control} type="text" inputMode="numeric" value={values.location_state_code} onChange={set("location_state_code")} maxLength={2} />}
          </Field>
          <Field id="edit-event-country" label={t("eventFields.country")} error={errors.location_country}>
            {(control) => <input {...control} type="text" value={values.location_country} onChange={set("location_country")} maxLength={2} />}
          </Field>
          <Field id="edit-event-description" label={t("eventFields.description")} error={errors.description}>
            {(control) => <textarea {...control} value={values.description} onChange={set("description")} maxLength={DESCRIPTION_MAX} />}
          </Field>
          <TimeZoneField
            id="edit-event-timezone"
            value={values.timezone}
            onChange={(name) => {
              form.setValue("timezone", name);
              setNotice(null);
            }}
            error={errors.timezone}
            hint={zoneNote ?? t("editEvent.zoneHint")}
          />
          <RefundHoursField id="edit-event-refund-hours" value={values.refund_until_hours} onChange={set("refund_until_hours")} error={errors.refund_until_hours} />
          <Field
            id="edit-event-late-cancel-hours"
            label={t("editEvent.lateCancel")}
            error={errors.late_cancel_hours}
            hint={t("editEvent.lateCancelHint")}
          >
            {(control) => <input {...control} type="number" min={0} max={MAX_LATE_CANCEL_HOURS} step={1} inputMode="numeric" value={values.late_cancel_hours} onChange={set("late_cancel_hours")} required />}
          </Field>
          <ApprovalField
            id="edit-event-approval"
            checked={values.requires_approval}
            onChange={(checked) => {
              form.setValue("requires_approval", checked);
              setNotice(null);
            }}
          />
          <div className="actions">
            <SubmitButton busy={busy} busyLabel={t("shared.saving")}>
              {t("editEvent.save")}
            </SubmitButton>
          </div>
        </fieldset>
      </form>
    </section>
  );
}
