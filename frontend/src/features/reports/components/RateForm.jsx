/** One instructor's pay rate, edited: its kind and the terms of that kind, amounts typed in the studio's currency's
 *  major units and sent in minor units (PUT …/instructor-rates/<id>); bad values beside their fields. */
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { Field, InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { useForm } from "../../../lib/use-form.js";
import { useSaveRate } from "../api.js";
import { rateErrors, rateRequest, rateValues, termsOf } from "../rate-form.js";
import { RATE_KINDS } from "../wording.js";

const FIELDS = ["kind", "amount", "minimum", "maximum", "share_percent"];
const AMOUNT_HINTS = { flat: "rateForm.amountHint.flat", per_head: "rateForm.amountHint.perHead" };

/** instructor: {instructor_id, name, rate}; currency: the studio's; onDone(saved) closes the form. */
export function RateForm({ instructor, currency, onDone, onCancel }) {
  const { t } = useTranslation("reports");
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
  // Each term's label and hint: amounts in the studio's currency.
  const termText = {
    amount: { label: t("rateForm.amount", { currency }), hint: AMOUNT_HINTS[values.kind] && t(AMOUNT_HINTS[values.kind]) },
    share_percent: { label: t("rateForm.share"), hint: t("rateForm.shareHint") },
    minimum: { label: t("rateForm.minimum", { currency }), hint: t("rateForm.blankForNone") },
    maximum: { label: t("rateForm.maximum", { currency }), hint: t("rateForm.blankForNone") },
  };
  return (
    <form ref={formRef} className="form report-rate-form card" onSubmit={form.handleSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={titleRef} tabIndex={-1}>
        {t("rateForm.title", { name: instructor.name })}
      </h3>
      <ErrorMessage error={formError} title={t("rateForm.notSaved")} />
      <Field id={`${id}-kind`} label={t("rateForm.kind")} error={errors.kind}>
        {(control) => (
          <select {...control} name="kind" value={values.kind} onChange={form.handleChange}>
            {Object.entries(RATE_KINDS).map(([kind, key]) => (
              <option key={kind} value={kind}>
                {t(key)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {terms.map((name) => (
        <InputField key={name} id={`${id}-${name}`} {...termText[name]} inputMode="decimal" {...form.field(name)} />
      ))}
      <div className="actions">
        <SubmitButton busy={busy} busyLabel={t("rateForm.saving")}>
          {t("rateForm.save")}
        </SubmitButton>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t("rateForm.cancel")}
        </button>
      </div>
    </form>
  );
}
