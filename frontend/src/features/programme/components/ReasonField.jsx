/** The optional cancellation reason, shown to the people whose bookings are cancelled. */
import { useId } from "react";
import { useTranslation } from "react-i18next";

const REASON_MAX = 500; // the server's limit

export function ReasonField({ value, onChange, disabled }) {
  const { t } = useTranslation("programme");
  const id = useId();
  return (
    <div className="field reason-field">
      <label htmlFor={id}>{t("reasonField.label")}</label>
      <textarea id={id} value={value} onChange={(event) => onChange(event.target.value)} maxLength={REASON_MAX} disabled={disabled} aria-describedby={`${id}-hint`} />
      <p id={`${id}-hint`} className="field-hint">
        {t("reasonField.hint", { max: REASON_MAX })}
      </p>
    </div>
  );
}
