/** The account page's "Billing details": whom invoices are made out to. None saved: invoices carry the person's
 *  name; a business adds its name, GSTIN or VAT number and address, printed on the invoices issued after. */
import { useId, useState } from "react";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { Field, InputField } from "../../../components/Field.jsx";
import { fieldErrorsFrom, splitFieldErrors } from "../../../lib/field-errors.js";
import { useBilling, useSaveBilling } from "../api.js";
import { BILLING_FIELDS, billingBody, billingLines, billingValues } from "../billing-form.js";

export const BILLING_SAVED = "Saved. Invoices issued from now on are made out to these details; issued ones keep theirs.";
export const BILLING_REMOVED = "Removed. New invoices are made out to your name.";
const FORM_FIELDS = [...BILLING_FIELDS.map(([name]) => name), "address_lines"];

/** The details' form: Save sends them whole; onDone() closes it once saved. */
function BillingForm({ details, onDone }) {
  const save = useSaveBilling();
  const prefix = useId();
  const [values, setValues] = useState(() => billingValues(details));
  const { fields: errors, other } = splitFieldErrors(fieldErrorsFrom(save.error), FORM_FIELDS);
  const input = (name) => ({
    id: `${prefix}-${name}`,
    value: values[name],
    onChange: (event) => setValues((old) => ({ ...old, [name]: event.target.value })),
    disabled: save.isPending,
  });
  const submit = (event) => {
    event.preventDefault();
    save.mutate(billingBody(values), { onSuccess: () => onDone(BILLING_SAVED) });
  };
  const [first, ...rest] = BILLING_FIELDS;
  return (
    <form className="form billing-form" onSubmit={submit} aria-label="Billing details" noValidate>
      <InputField {...input(first[0])} label={first[1]} error={errors[first[0]]} autoComplete="organization" maxLength={200} required />
      <Field id={`${prefix}-address`} label="Address (one line each)" error={errors.address_lines}>
        {(control) => <textarea {...input("address")} {...control} rows={3} autoComplete="street-address" />}
      </Field>
      {rest.map(([name, label]) => (
        <InputField key={name} {...input(name)} label={label} error={errors[name]} />
      ))}
      {other.length > 0 && <ErrorMessage error={{ message: other.join(" ") }} title="The details were not saved." />}
      {save.error && !Object.keys(errors).length && !other.length && <ErrorMessage error={save.error} title="The details were not saved." />}
      <div className="actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save billing details"}
        </button>
        <button type="button" className="button secondary" onClick={() => onDone(null)} disabled={save.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function BillingSection() {
  const billing = useBilling();
  const remove = useSaveBilling();
  const [editing, setEditing] = useState(false);
  const [outcome, setOutcome] = useState(null);
  const done = (message) => {
    setEditing(false);
    setOutcome(message);
  };
  let body;
  if (billing.isPending) body = <Loading label="Loading your billing details…" />;
  else if (billing.isError) body = <ErrorMessage error={billing.error} title="Couldn't load your billing details." onRetry={() => billing.refetch()} />;
  else if (editing) body = <BillingForm details={billing.data} onDone={done} />;
  else {
    const details = billing.data;
    body = (
      <>
        {details ? (
          <address className="billing-lines">{billingLines(details).map((line) => <span key={line}>{line}</span>)}</address>
        ) : (
          <p className="muted">Your invoices are made out to your name. Booking for a business? Add its name, GSTIN or VAT number and address.</p>
        )}
        <ErrorMessage error={remove.error} title="The details were not removed." />
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => { setOutcome(null); setEditing(true); }}>
            {details ? "Change billing details" : "Add billing details"}
          </button>
          {details && (
            <button type="button" className="button-link" disabled={remove.isPending} onClick={() => remove.mutate(null, { onSuccess: () => setOutcome(BILLING_REMOVED) })}>
              Remove
            </button>
          )}
        </div>
      </>
    );
  }
  return (
    <section aria-labelledby="account-billing-heading" className="card account-section">
      <h2 id="account-billing-heading">Billing details</h2>
      {outcome && <SuccessMessage>{outcome}</SuccessMessage>}
      {body}
    </section>
  );
}
