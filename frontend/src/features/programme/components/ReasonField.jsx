/** The optional cancellation reason, shown to the people whose bookings are cancelled. */
import { useId } from "react";

const REASON_MAX = 500; // the server's limit

export function ReasonField({ value, onChange, disabled }) {
  const id = useId();
  return (
    <div className="field reason-field">
      <label htmlFor={id}>Reason (shown to attendees)</label>
      <textarea id={id} value={value} onChange={(event) => onChange(event.target.value)} maxLength={REASON_MAX} disabled={disabled} aria-describedby={`${id}-hint`} />
      <p id={`${id}-hint`} className="field-hint">
        Optional, up to {REASON_MAX} characters.
      </p>
    </div>
  );
}
