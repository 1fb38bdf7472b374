/** An event's payment plan on its page: a deposit (a percentage, or an amount per seat), whether it is refundable,
 *  when the balance is due and in how many instalments; saved alone (PATCH payment_plan), or removed. Applies to
 *  bookings made from then on. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { Field } from "../../../components/Field.jsx";
import { useUpdateEvent } from "../api.js";
import { checkPlan, planBody, planValues } from "../plan-form.js";
import { SaveNotice } from "./SaveNotice.jsx";

export function PaymentPlanForm({ event }) {
  const { t } = useTranslation("programme");
  const currency = event.sessions?.[0]?.currency ?? "INR";
  const [values, setValues] = useState(() => planValues(event.payment_plan, currency));
  const [errors, setErrors] = useState({});
  const [notice, setNotice] = useState(null);
  const update = useUpdateEvent(event.id);
  if (event.status === "cancelled") return null;
  const set = (field) => (changeEvent) => {
    const value = changeEvent.target.type === "checkbox" ? changeEvent.target.checked : changeEvent.target.value;
    setValues((current) => ({ ...current, [field]: value }));
    setNotice(null);
  };
  const save = async (plan) => {
    setNotice(null);
    try {
      await update.mutateAsync({ payment_plan: plan });
      setNotice({ text: plan ? t("plan.saved") : t("plan.removed"), saved: true });
    } catch {
      // shown below from the mutation's error
    }
  };
  const onSubmit = (submitEvent) => {
    submitEvent.preventDefault();
    const found = checkPlan(values, currency);
    setErrors(found);
    if (Object.keys(found).length === 0) save(planBody(values, currency));
  };
  return (
    <section aria-labelledby="event-plan-heading" className="session-section">
      <h2 id="event-plan-heading">{t("plan.heading")}</h2>
      <p className="muted">{t("plan.intro")}</p>
      <ErrorMessage error={update.error} title={t("plan.failed")} />
      <SaveNotice notice={notice} />
      <form className="form" onSubmit={onSubmit} noValidate>
        <Field id="plan-deposit-kind" label={t("plan.depositAs")}>
          {(control) => (
            <select {...control} value={values.depositKind} onChange={set("depositKind")}>
              <option value="percent">{t("plan.percentOption")}</option>
              <option value="amount">{t("plan.amountOption")}</option>
            </select>
          )}
        </Field>
        <Field id="plan-deposit" label={values.depositKind === "percent" ? t("plan.depositPercent") : t("plan.depositAmount", { currency })} error={errors.deposit}>
          {(control) => <input {...control} type="text" inputMode="decimal" value={values.deposit} onChange={set("deposit")} required />}
        </Field>
        <Field id="plan-due-days" label={t("plan.dueDays")} error={errors.dueDays}>
          {(control) => <input {...control} type="number" min={0} max={365} step={1} value={values.dueDays} onChange={set("dueDays")} required />}
        </Field>
        <Field id="plan-instalments" label={t("plan.instalments")} error={errors.instalments}>
          {(control) => <input {...control} type="number" min={1} max={6} step={1} value={values.instalments} onChange={set("instalments")} required />}
        </Field>
        <div className="field">
          <label>
            <input type="checkbox" checked={values.refundable} onChange={set("refundable")} /> {t("plan.refundable")}
          </label>
        </div>
        <div className="actions">
          <button type="submit" className="button primary" disabled={update.isPending}>
            {update.isPending ? t("shared.saving") : t("plan.save")}
          </button>
          {event.payment_plan && (
            <button type="button" className="button secondary" onClick={() => save(null)} disabled={update.isPending}>
              {t("plan.remove")}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
