/** One instructor's pay rate, edited: its kind and the terms of that kind, amounts typed in the studio's currency's
 *  major units and sent in minor units (PUT …/instructor-rates/<id>); bad values beside their fields. */
import { useId } from "react";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { Field, InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { useForm } from "../../../lib/use-form.js";
import { useSaveRate } from "../api.js";
import { rateErrors, rateRequest, rateValues, termsOf } from "../rate-form.js";
import { RATE_KINDS } from "../wording.js";

const FIELDS = ["kind", "amount", "minimum", "maximum", "share_percent"];
const AMOUNT_HINTS = { flat: "Paid for each class taught.", per_head: "Paid for each person who came." };

/** instructor: {instructor_id, name, rate}; currency: the studio's; onDone(saved) closes the form. */
export function RateForm({ instructor, currency, onDone, onCancel }) {
  const id = useId();
  const save = useSaveRate();
  const titleRef = useFocusOnAppear(instructor.instructor_id); // the form opens below the table: the keyboard goes to it
  const form = useForm({
    initialValues: rateValues(instructor.rate, currency),
    validate: (values) => rateErrors(values, currency),
    onSubmit: async (values) => {
      await save.mutateAsync({ instructorId: instructor.instructor_id, rate: rateRequest(values, currency) });
      onDone(instructor);
    },
    onError: (error) => (error.status === 400 ? form.showBadRequest(error, FIELDS) : form.setFormError(error)),
  });
  const { formRef, formError, busy, values, errors } = form;
  const terms = termsOf(values.kind);
  const money = (name, label, hint) => (
    <InputField id={`${id}-${name}`} label={`${label} (${currency})`} hint={hint} inputMode="decimal" {...form.field(name)} />
  );
  return (
    <form ref={formRef} className="form report-rate-form card" onSubmit={form.handleSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={titleRef} tabIndex={-1}>Rate for {instructor.name}</h3>
      <ErrorMessage error={formError} title="The rate was not saved." />
      <Field id={`${id}-kind`} label="Kind of rate" error={errors.kind}>
        {(control) => (
          <select {...control} name="kind" value={values.kind} onChange={form.handleChange}>
            {Object.entries(RATE_KINDS).map(([kind, label]) => (
              <option key={kind} value={kind}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {terms.includes("amount") && money("amount", "Amount", AMOUNT_HINTS[values.kind])}
      {terms.includes("share_percent") && (
        <InputField id={`${id}-share_percent`} label="Share (%)" hint="Of the class's net revenue, 0 to 100." inputMode="decimal" {...form.field("share_percent")} />
      )}
      {terms.includes("minimum") && money("minimum", "Minimum per class", "Blank for none.")}
      {terms.includes("maximum") && money("maximum", "Maximum per class", "Blank for none.")}
      <div className="actions">
        <SubmitButton busy={busy} busyLabel="Saving…">
          Save rate
        </SubmitButton>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
