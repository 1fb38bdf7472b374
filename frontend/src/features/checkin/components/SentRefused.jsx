/** Check-ins made on this device that the server refused when they were sent (the booking was cancelled meanwhile,
 *  say): the person is not checked in, and the door should know. */
import { REASONS } from "../desk.js";

export function SentRefused({ refusals, onDismiss }) {
  if (refusals.length === 0) return null;
  return (
    <div className="alert alert-error" role="alert">
      <strong>Sent, but not recorded:</strong>
      <ul className="checkin-refused">
        {refusals.map((refusal) => (
          <li key={refusal.entryId}>
            {refusal.name ?? "A seat"}: {REASONS[refusal.reason] ?? refusal.reason}
          </li>
        ))}
      </ul>
      <button type="button" className="button-link" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
