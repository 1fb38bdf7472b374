/** An event's refund cutoff: how many hours before a session's start a cancelled paid booking is still refunded in full. */
import { Field } from "../../../components/Field.jsx";
import { MAX_REFUND_HOURS } from "../form-rules.js";

/** "Refunds until 24 hours before the start: …" for a valid number of hours, else the rule. */
function refundHint(value) {
  const text = String(value ?? "").trim();
  if (!/^\d+$/.test(text)) return "Whole hours before each session's start, 0 for refunds until the start.";
  const hours = Number(text);
  const until = hours === 0 ? "Refunds until the start" : `Refunds until ${hours === 1 ? "1 hour" : `${hours} hours`} before the start`;
  return `${until}: a paid booking cancelled by its person before then is refunded in full, later not. Cancelling a session yourself refunds everyone.`;
}

/** id, value (text), onChange(event), error: as Field's. */
export function RefundHoursField({ id, value, onChange, error }) {
  return (
    <Field id={id} label="Refund cutoff (hours before the start)" error={error} hint={refundHint(value)}>
      {(control) => <input {...control} name="refund_until_hours" type="number" min={0} max={MAX_REFUND_HOURS} step={1} inputMode="numeric" value={value} onChange={onChange} required />}
    </Field>
  );
}
