/** Change a live code: its limit on uses (never below the uses so far), when it ends, and whether it is active. */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { InputField } from "../../../components/Field.jsx";
import { browserZone, zoneAbbreviation } from "../../../lib/format.js";
import { useUpdateCode } from "../api.js";
import { codeChangeErrors, codeChangeRequest, codeChanges } from "../code-form.js";

/** code: the code as listed; onDone(code) after a save (or nothing to save), onCancel. */
export function EditCodeDialog({ code, onDone, onCancel }) {
  const { t } = useTranslation("programme");
  const id = useId();
  const update = useUpdateCode();
  const [values, setValues] = useState(() => codeChanges(code));
  const [errors, setErrors] = useState({});
  const set = (field) => (event) => setValues({ ...values, [field]: field === "active" ? event.target.checked : event.target.value });

  const save = () => {
    const found = codeChangeErrors(values, code);
    setErrors(found);
    if (Object.keys(found).length) return;
    const changes = codeChangeRequest(values, code);
    if (Object.keys(changes).length === 0) return onDone(code);
    update.mutate(
      { codeId: code.id, changes },
      {
        onSuccess: onDone,
        onError: (error) => error.code === "max_uses_below_uses" && setErrors({ max_uses: error.message }),
      },
    );
  };

  return (
    <ConfirmDialog title={t("editCode.title", { code: code.code })} confirmLabel={t("editCode.save")} cancelLabel={t("editCode.cancel")} busy={update.isPending} onConfirm={save} onCancel={onCancel}>
      <p className="muted small-text">{t("editCode.used", { uses: code.uses })}</p>
      {update.error?.code !== "max_uses_below_uses" && <ErrorMessage error={update.error} title={t("editCode.failed")} />}
      <InputField id={`${id}-uses`} label={t("editCode.maxUses")} hint={t("editCode.maxUsesHint")} inputMode="numeric" value={values.max_uses} onChange={set("max_uses")} error={errors.max_uses} />
      <InputField id={`${id}-until`} label={t("editCode.validUntil")} hint={t("editCode.validUntilHint", { zone: zoneAbbreviation(browserZone()) })} type="datetime-local" value={values.valid_until} onChange={set("valid_until")} error={errors.valid_until} />
      <div className="check-field">
        <input type="checkbox" id={`${id}-active`} checked={values.active} onChange={set("active")} />
        <label htmlFor={`${id}-active`}>{t("editCode.active")}</label>
      </div>
    </ConfirmDialog>
  );
}
