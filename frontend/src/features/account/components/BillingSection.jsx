/** The account page's "Billing details": whom invoices are made out to. None saved: invoices carry the person's
 *  name; a business adds its name, GSTIN or VAT number and address, printed on the invoices issued after. */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { Field, InputField } from "../../../components/Field.jsx";
import { fieldErrorsFrom, splitFieldErrors } from "../../../lib/field-errors.js";
import { useBilling, useSaveBilling } from "../api.js";
import { BILLING_FIELDS, billingBody, billingLines, billingValues } from "../billing-form.js";
import { billingRemoved, billingSaved } from "../wording.js";
const FORM_FIELDS = [...BILLING_FIELDS.map(([name]) => name), "address_lines"];
const ADDRESS = "address"; // the form's multi-line field (the API's address_lines)

/** The details' form: Save sends them whole; onDone() closes it once saved. */
function BillingForm({ details, onDone }) {
  const { t } = useTranslation("account");
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
    save.mutate(billingBody(values), { onSuccess: () => onDone("saved") });
  };
  const [first, ...rest] = BILLING_FIELDS;
  return (
    <form className="form billing-form" onSubmit={submit} aria-label={t("billing.heading")} noValidate>
      <InputField {...input(first[0])} label={t(first[1])} error={errors[first[0]]} autoComplete="organization" maxLength={200} required />
      <Field id={`${prefix}-address`} label={t("billing.field.address")} error={errors.address_lines}>
        {(control) => <textarea {...input(ADDRESS)} {...control} rows={3} autoComplete="street-address" />}
      </Field>
      {rest.map(([name, label]) => (
        <InputField key={name} {...input(name)} label={t(label)} error={errors[name]} />
      ))}
      {other.length > 0 && <ErrorMessage error={{ message: other.join(" ") }} title={t("billing.notSaved")} />}
      {save.error && !Object.keys(errors).length && !other.length && <ErrorMessage error={save.error} title={t("billing.notSaved")} />}
      <div className="actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? t("form.saving") : t("billing.save")}
        </button>
        <button type="button" className="button secondary" onClick={() => onDone(null)} disabled={save.isPending}>
          {t("form.cancel")}
        </button>
      </div>
    </form>
  );
}

export function BillingSection() {
  const { t } = useTranslation("account");
  const billing = useBilling();
  const remove = useSaveBilling();
  const [editing, setEditing] = useState(false);
  const [outcome, setOutcome] = useState(null);
  const done = (message) => {
    setEditing(false);
    setOutcome(message);
  };
  let body;
  if (billing.isPending) body = <Loading label={t("billing.loading")} />;
  else if (billing.isError) body = <ErrorMessage error={billing.error} title={t("billing.loadFailed")} onRetry={() => billing.refetch()} />;
  else if (editing) body = <BillingForm details={billing.data} onDone={done} />;
  else {
    const details = billing.data;
    body = (
      <>
        {details ? (
          <address className="billing-lines">{billingLines(details).map((line) => <span key={line}>{line}</span>)}</address>
        ) : (
          <p className="muted">{t("billing.none")}</p>
        )}
        <ErrorMessage error={remove.error} title={t("billing.notRemoved")} />
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => { setOutcome(null); setEditing(true); }}>
            {details ? t("billing.change") : t("billing.add")}
          </button>
          {details && (
            <button type="button" className="button-link" disabled={remove.isPending} onClick={() => remove.mutate(null, { onSuccess: () => setOutcome("removed") })}>
              {t("billing.remove")}
            </button>
          )}
        </div>
      </>
    );
  }
  return (
    <section aria-labelledby="account-billing-heading" className="card account-section">
      <h2 id="account-billing-heading">{t("billing.heading")}</h2>
      {outcome && <SuccessMessage>{outcome === "saved" ? billingSaved() : billingRemoved()}</SuccessMessage>}
      {body}
    </section>
  );
}
