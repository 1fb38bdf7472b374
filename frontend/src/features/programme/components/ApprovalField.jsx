import { useTranslation } from "react-i18next";

/** Whether each booking of the event is a request its staff approve or decline (requires_approval). */
export function ApprovalField({ id, checked, onChange, disabled }) {
  const { t } = useTranslation("programme");
  return (
    <div className="field">
      <label className="check" htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} disabled={disabled} aria-describedby={`${id}-hint`} /> {t("approvalField.label")}
      </label>
      <p id={`${id}-hint`} className="field-hint">
        {t("approvalField.hint")}
      </p>
    </div>
  );
}
