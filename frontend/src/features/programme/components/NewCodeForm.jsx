/** A new discount code: the code people type, a percentage or an amount off, for bookings, passes or both (bookings of
 *  some events, or all), its limits on uses in all and per person, and the dates it is good between. */
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { Field, InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { browserZone, zoneAbbreviation } from "../../../lib/format.js";
import { useForm } from "../../../lib/use-form.js";
import { useCreateCode } from "../api.js";
import { codeErrors, codeFieldOf, codeRequest, emptyCode } from "../code-form.js";
import { CURRENCIES } from "../form-rules.js";

export function NewCodeForm({ events, onCreated }) {
  const { t } = useTranslation("programme");
  const create = useCreateCode();
  const form = useForm({
    initialValues: emptyCode,
    validate: codeErrors,
    onSubmit: async (values) => {
      const code = await create.mutateAsync(codeRequest(values));
      form.setValues(emptyCode());
      onCreated(code);
    },
    onError: (error) => {
      if (error.code === "code_exists") form.showErrors({ code: error.message });
      else if (error.status === 400) form.showBadRequest(error, codeFieldOf(form.values));
      else form.setFormError(error);
    },
  });
  const { formRef, values, errors, formError, busy } = form;
  const set = (field) => (event) => form.setValue(field, event.target.value);
  const toggleEvent = (id) => form.setValue("event_ids", values.event_ids.includes(id) ? values.event_ids.filter((e) => e !== id) : [...values.event_ids, id]);
  const zone = zoneAbbreviation(browserZone());

  return (
    <section aria-labelledby="new-code-heading" className="session-section">
      <h2 id="new-code-heading">{t("newCode.heading")}</h2>
      <ErrorMessage error={formError} title={t("newCode.failed")} />
      <form ref={formRef} className="form create-event-form" onSubmit={form.handleSubmit} noValidate>
        <InputField id="code-code" label={t("newCode.code")} hint={t("newCode.codeHint")} value={values.code} onChange={set("code")} error={errors.code} maxLength={40} autoComplete="off" spellCheck={false} />
        <div className="row">
          <Field id="code-kind" label={t("newCode.discount")}>
            {(control) => (
              <select {...control} value={values.kind} onChange={set("kind")}>
                <option value="percent">{t("newCode.percentOption")}</option>
                <option value="amount">{t("newCode.amountOption")}</option>
              </select>
            )}
          </Field>
          {values.kind === "percent" ? (
            <InputField id="code-percent" label={t("newCode.percent")} hint={t("newCode.percentHint")} type="number" min={1} max={100} inputMode="numeric" value={values.percent_off} onChange={set("percent_off")} error={errors.percent_off} />
          ) : (
            <>
              <InputField id="code-amount" label={t("newCode.amount")} type="text" inputMode="decimal" autoComplete="off" value={values.amount_off} onChange={set("amount_off")} error={errors.amount_off} />
              <Field id="code-currency" label={t("newCode.currency")} error={errors.currency}>
                {(control) => (
                  <select {...control} value={values.currency} onChange={set("currency")}>
                    {CURRENCIES.map((currency) => (
                      <option key={currency} value={currency}>
                        {currency}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </>
          )}
        </div>
        <Field id="code-applies" label={t("newCode.goodFor")} error={errors.applies_to}>
          {(control) => (
            <select {...control} value={values.applies_to} onChange={set("applies_to")}>
              <option value="both">{t("newCode.both")}</option>
              <option value="bookings">{t("newCode.bookings")}</option>
              <option value="passes">{t("newCode.passes")}</option>
            </select>
          )}
        </Field>
        {values.applies_to !== "passes" && events.length > 0 && (
          <fieldset className="pass-events" aria-describedby={errors.event_ids ? "code-events-error" : undefined}>
            <legend>{t("newCode.events")}</legend>
            <p className="field-hint">{t("newCode.eventsHint")}</p>
            {events.map((event) => (
              <label key={event.id} className="check">
                <input type="checkbox" checked={values.event_ids.includes(event.id)} onChange={() => toggleEvent(event.id)} /> {event.title}
              </label>
            ))}
            {errors.event_ids && (
              <p id="code-events-error" className="field-error">
                {errors.event_ids}
              </p>
            )}
          </fieldset>
        )}
        <div className="row">
          <InputField id="code-max-uses" label={t("newCode.maxUses")} hint={t("newCode.noLimit")} type="number" min={1} inputMode="numeric" value={values.max_uses} onChange={set("max_uses")} error={errors.max_uses} />
          <InputField id="code-per-person" label={t("newCode.perPerson")} hint={t("newCode.noLimit")} type="number" min={1} inputMode="numeric" value={values.max_uses_per_person} onChange={set("max_uses_per_person")} error={errors.max_uses_per_person} />
        </div>
        <div className="row">
          <InputField id="code-valid-from" label={t("newCode.validFrom")} hint={t("newCode.validFromHint", { zone })} type="datetime-local" value={values.valid_from} onChange={set("valid_from")} error={errors.valid_from} />
          <InputField id="code-valid-until" label={t("newCode.validUntil")} hint={t("newCode.validUntilHint", { zone })} type="datetime-local" value={values.valid_until} onChange={set("valid_until")} error={errors.valid_until} />
        </div>
        <div className="actions">
          <SubmitButton busy={busy} busyLabel={t("shared.saving")}>
            {t("newCode.submit")}
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
