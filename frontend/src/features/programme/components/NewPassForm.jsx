/** A new pass, or one on sale edited (`pass`): its name, a class pack (classes, days valid) or a membership (monthly
 *  or yearly, a weekly limit), its price, the events it covers (none ticked: all of them) and whether it is an intro
 *  offer for new customers. An edit sends only what changed, for the sales to come: a pass sold keeps its terms. */
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
          form.setFormError({ message: "Nothing to save: no field has changed." });
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
      <h2 id={`${prefix}-heading`}>{editing ? `Edit ${pass.name}` : "A new pass"}</h2>
      {editing && <p className="muted">The changes are for the sales to come: the passes sold keep the terms they were bought on.</p>}
      <ErrorMessage error={formError} title={editing ? "The pass was not changed." : "The pass was not put on sale."} />
      <form ref={formRef} className="form create-event-form" onSubmit={form.handleSubmit} noValidate>
        <InputField id={`${prefix}-name`} label="Name" value={values.name} onChange={set("name")} error={errors.name} maxLength={120} required />
        <Field id={`${prefix}-kind`} label="Kind" error={errors.kind}>
          {(control) => (
            <select {...control} value={values.kind} onChange={set("kind")} disabled={editing}>
              <option value="pack">Class pack: a number of classes</option>
              <option value="membership">Membership: renewed each period</option>
            </select>
          )}
        </Field>
        {pack ? (
          <div className="row">
            <InputField id={`${prefix}-credits`} label="Classes" type="number" min={1} inputMode="numeric" value={values.credits} onChange={set("credits")} error={errors.credits} />
            <InputField id={`${prefix}-valid-days`} label="Valid for (days)" type="number" min={1} inputMode="numeric" value={values.valid_days} onChange={set("valid_days")} error={errors.valid_days} />
          </div>
        ) : (
          <div className="row">
            <Field id={`${prefix}-period`} label="Renews" error={errors.period}>
              {(control) => (
                <select {...control} value={values.period} onChange={set("period")}>
                  <option value="month">Every month</option>
                  <option value="year">Every year</option>
                </select>
              )}
            </Field>
            <InputField id={`${prefix}-per-week`} label="Classes a week" hint="Blank: unlimited" type="number" min={1} inputMode="numeric" value={values.sessions_per_week} onChange={set("sessions_per_week")} error={errors.sessions_per_week} />
          </div>
        )}
        <div className="row">
          <PriceFields idPrefix={prefix} price={values.price} currency={values.currency} onChange={form.setValue} errors={errors} priced="pass" />
        </div>
        {events.length > 0 && (
          <fieldset className="pass-events" aria-describedby={errors.event_ids ? `${prefix}-events-error` : undefined}>
            <legend>Covers</legend>
            <p className="field-hint">Tick the events it is good for; none ticked: all your events, new ones too.</p>
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
          <input type="checkbox" checked={values.new_customers_only} onChange={(event) => form.setValue("new_customers_only", event.target.checked)} /> Intro offer: only for people new to you
        </label>
        <div className="actions">
          <SubmitButton busy={busy} busyLabel="Saving…">
            {editing ? "Save changes" : "Put it on sale"}
          </SubmitButton>
          {editing && (
            <button type="button" className="button secondary" onClick={onClose}>
              Cancel
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
