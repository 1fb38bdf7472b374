/** A new pass, or one on sale edited (`pass`): its name, a class pack (classes, days valid) or a membership (monthly
 *  or yearly, a weekly limit), its price, the events it covers (none ticked: all of them) and whether it is an intro
 *  offer for new customers. An edit sends only what changed, for the sales to come: a pass sold keeps its terms. */
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { Field, InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { useForm } from "../../../lib/use-form.js";
import { useCreatePass, useUpdatePass } from "../api.js";
import { emptyPass, passChanges, passErrors, passRequest, passValues } from "../pass-form.js";
import { PriceFields } from "./PriceFields.jsx";

const FIELDS = ["name", "kind", "credits", "valid_days", "period", "sessions_per_week", "price", "currency", "event_ids"];

/** pass: the one on sale to edit (none: a new one); onSaved(pass) after either; onClose: leave an edit unsaved. */
export function NewPassForm({ events, pass, onSaved, onClose }) {
  const { t } = useTranslation("programme");
  const create = useCreatePass();
  const update = useUpdatePass();
  const editing = Boolean(pass);
  const form = useForm({
    initialValues: () => (editing ? passValues(pass) : emptyPass()),
    validate: passErrors,
    onSubmit: async (values) => {
      if (editing) {
        const changes = passChanges(values, pass);
        if (Object.keys(changes).length === 0) {
          form.setFormError({ message: t("shared.nothingToSave") });
          return;
        }
        onSaved(await update.mutateAsync({ passId: pass.id, changes }));
        return;
      }
      const made = await create.mutateAsync(passRequest(values));
      form.setValues(emptyPass());
      onSaved(made);
    },
    onError: (error) => (error.status === 400 ? form.showBadRequest(error, FIELDS) : form.setFormError(error)),
  });
  const { formRef, values, errors, formError, busy } = form;
  const set = (field) => (event) => form.setValue(field, event.target.value);
  const toggleEvent = (id) => form.setValue("event_ids", values.event_ids.includes(id) ? values.event_ids.filter((e) => e !== id) : [...values.event_ids, id]);
  const pack = values.kind === "pack";
  const prefix = editing ? `pass-${pass.id}` : "pass";

  return (
    <section aria-labelledby={`${prefix}-heading`} className="session-section">
      <h2 id={`${prefix}-heading`}>{editing ? t("newPass.editHeading", { name: pass.name }) : t("newPass.heading")}</h2>
      {editing && <p className="muted">{t("newPass.editNote")}</p>}
      <ErrorMessage error={formError} title={editing ? t("newPass.editFailed") : t("newPass.failed")} />
      <form ref={formRef} className="form create-event-form" onSubmit={form.handleSubmit} noValidate>
        <InputField id={`${prefix}-name`} label={t("newPass.name")} value={values.name} onChange={set("name")} error={errors.name} maxLength={120} required />
        <Field id={`${prefix}-kind`} label={t("newPass.kind")} error={errors.kind}>
          {(control) => (
            <select {...control} value={values.kind} onChange={set("kind")} disabled={editing}>
              <option value="pack">{t("newPass.pack")}</option>
              <option value="membership">{t("newPass.membership")}</option>
            </select>
          )}
        </Field>
        {pack ? (
          <div className="row">
            <InputField id={`${prefix}-credits`} label={t("newPass.credits")} type="number" min={1} inputMode="numeric" value={values.credits} onChange={set("credits")} error={errors.credits} />
            <InputField id={`${prefix}-valid-days`} label={t("newPass.validDays")} type="number" min={1} inputMode="numeric" value={values.valid_days} onChange={set("valid_days")} error={errors.valid_days} />
          </div>
        ) : (
          <div className="row">
            <Field id={`${prefix}-period`} label={t("newPass.renews")} error={errors.period}>
              {(control) => (
                <select {...control} value={values.period} onChange={set("period")}>
                  <option value="month">{t("newPass.month")}</option>
                  <option value="year">{t("newPass.year")}</option>
                </select>
              )}
            </Field>
            <InputField id={`${prefix}-per-week`} label={t("newPass.perWeek")} hint={t("newPass.perWeekHint")} type="number" min={1} inputMode="numeric" value={values.sessions_per_week} onChange={set("sessions_per_week")} error={errors.sessions_per_week} />
          </div>
        )}
        <div className="row">
          <PriceFields idPrefix={prefix} price={values.price} currency={values.currency} onChange={form.setValue} errors={errors} priced="pass" />
        </div>
        {events.length > 0 && (
          <fieldset className="pass-events" aria-describedby={errors.event_ids ? `${prefix}-events-error` : undefined}>
            <legend>{t("newPass.covers")}</legend>
            <p className="field-hint">{t("newPass.coversHint")}</p>
            {events.map((event) => (
              <label key={event.id} className="check">
                <input type="checkbox" checked={values.event_ids.includes(event.id)} onChange={() => toggleEvent(event.id)} /> {event.title}
              </label>
            ))}
            {errors.event_ids && (
              <p id={`${prefix}-events-error`} className="field-error">
                {errors.event_ids}
              </p>
            )}
          </fieldset>
        )}
        <label className="check">
          <input type="checkbox" checked={values.new_customers_only} onChange={(event) => form.setValue("new_customers_only", event.target.checked)} /> {t("newPass.intro")}
        </label>
        <label className="check">
          <input type="checkbox" checked={values.shareable} onChange={(event) => form.setValue("shareable", event.target.checked)} /> {t("newPass.shareable")}
        </label>
        <div className="actions">
          <SubmitButton busy={busy} busyLabel={t("shared.saving")}>
            {editing ? t("shared.saveChanges") : t("newPass.submit")}
          </SubmitButton>
          {editing && (
            <button type="button" className="button secondary" onClick={onClose}>
              {t("newPass.cancel")}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
