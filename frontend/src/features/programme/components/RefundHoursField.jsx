/** An event's refund cutoff: how many hours before a session's start a cancelled paid booking is still refunded in full. */
import { useTranslation } from "react-i18next";
import { Field } from "../../../components/Field.jsx";
import { MAX_REFUND_HOURS } from "../form-rules.js";

/** "Refunds until 24 hours before the start: …" for a valid number of hours, else the rule; t: the programme's. */
function refundHint(value, t) {
  const text = String(value ?? "").trim();
  if (!/^\d+$/.test(text)) return t("refundHours.rule");
  const hours = Number(text);
  return hours === 0 ? t("refundHours.untilStart") : t("refundHours.until", { count: hours });
}

/** id, value (text), onChange(event), error: as Field's. */
export function RefundHoursField({ id, value, onChange, error }) {
  const { t } = useTranslation("programme");
  return (
    <Field id={id} label={t("refundHours.label")} error={error} hint={refundHint(value, t)}>
      {(control) => <input {...control} name="refund_until_hours" type="number" min={0} max={MAX_REFUND_HOURS} step={1} inputMode="numeric" value={value} onChange={onChange} required />}
    </Field>
  );
}
