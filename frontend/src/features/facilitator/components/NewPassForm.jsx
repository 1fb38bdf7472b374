/** A new pass: its name, a class pack (classes, days valid) or a membership (monthly or yearly, a weekly limit), its
 *  price, the events it covers (none ticked: all of them) and whether it is an intro offer for new customers. */
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { Field, InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { useForm } from "../../../lib/use-form.js";
import { useCreatePass } from "../api.js";
import { emptyPass, passErrors, passRequest } from "../pass-form.js";
import { PriceFields } from "./PriceFields.jsx";

const FIELDS = ["name", "kind", "credits", "valid_days", "period", "sessions_per_week", "price", "currency", "event_ids"];

export function NewPassForm({ events, onCreated }) {
  const create = useCreatePass();
  const form = useForm({
    initialValues: emptyPass,
    validate: passErrors,
    onSubmit: async (values) => {
      const pass = await create.mutateAsync(passRequest(values));
      form.setValues(emptyPass());
      onCreated(pass);
    },
    onError: (error) => (error.status === 400 ? form.showBadRequest(error, FIELDS) : form.setFormError(error)),
  });
  const { formRef, values, errors, formError, busy } = form;
  const set = (field) => (event) => form.setValue(field, event.target.value);
  const toggleEvent = (id) => form.setValue("event_ids", values.event_ids.includes(id) ? values.event_ids.filter((e) => e !== id) : [...values.event_ids, id]);
  const pack = values.kind === "pack";

  return (
    <section aria-labelledby="new-pass-heading" className="session-section">
      <h2 id="new-pass-heading">A new pass</h2>
      <ErrorMessage error={formError} title="The pass was not put on sale." />
      <form ref={formRef} className="form create-event-form" onSubmit={form.handleSubmit} noValidate>
        <InputField id="pass-name" label="Name" value={values.name} onChange={set("name")} error={errors.name} maxLength={120} required />
        <Field id="pass-kind" label="Kind" error={errors.kind}>
          {(control) => (
            <select {...control} value={values.kind} onChange={set("kind")}>
              <option value="pack">Class pack: a number of classes</option>
              <option value="membership">Membership: renewed each period</option>
            </select>
          )}
        </Field>
        {pack ? (
          <div className="row">
            <InputField id="pass-credits" label="Classes" type="number" min={1} inputMode="numeric" value={values.credits} onChange={set("credits")} error={errors.credits} />
            <InputField id="pass-valid-days" label="Valid for (days)" type="number" min={1} inputMode="numeric" value={values.valid_days} onChange={set("valid_days")} error={errors.valid_days} />
          </div>
        ) : (
          <div className="row">
            <Field id="pass-period" label="Renews" error={errors.period}>
              {(control) => (
                <select {...control} value={values.period} onChange={set("period")}>
                  <option value="month">Every month</option>
                  <option value="year">Every year</option>
                </select>
              )}
            </Field>
            <InputField id="pass-per-week" label="Classes a week" hint="Blank: unlimited" type="number" min={1} inputMode="numeric" value={values.sessions_per_week} onChange={set("sessions_per_week")} error={errors.sessions_per_week} />
          </div>
        )}
        <div className="row">
          <PriceFields idPrefix="pass" price={values.price} currency={values.currency} onChange={form.setValue} errors={errors} />
        </div>
        {events.length > 0 && (
          <fieldset className="pass-events" aria-describedby={errors.event_ids ? "pass-events-error" : undefined}>
            <legend>Covers</legend>
            <p className="field-hint">Tick the events it is good for; none ticked: all your events, new ones too.</p>
            {events.map((event) => (
              <label key={event.id} className="check">
                <input type="checkbox" checked={values.event_ids.includes(event.id)} onChange={() => toggleEvent(event.id)} /> {event.title}
              </label>
            ))}
            {errors.event_ids && (
              <p id="pass-events-error" className="field-error">
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
            Put it on sale
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
