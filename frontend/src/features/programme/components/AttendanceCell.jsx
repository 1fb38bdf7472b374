/** A booking's attendance on the registrants list (attended, no-show, or not set), with a button to correct it once
 *  the session has closed. */
import { useCorrectAttendance } from "../attendance-api.js";

const LABELS = { attended: ["Attended", "active"], no_show: ["No-show", "cancelled"] };

export const NOT_TAKEN = "Attendance is set when the session closes, 15 minutes after its end; correct it then.";

export function AttendanceCell({ sessionId, registrant, closed }) {
  const correct = useCorrectAttendance(sessionId);
  if (registrant.status !== "active") return <span className="muted">—</span>;
  const [label, tone] = LABELS[registrant.attendance] ?? ["Not set", ""];
  const other = registrant.attendance === "attended" ? "no_show" : "attended";
  const error = correct.error && (correct.error.code === "attendance_not_taken" ? NOT_TAKEN : correct.error.message);
  return (
    <div className="registrant-status">
      <span className={`pill ${tone}`}>{label}</span>
      {closed && (
        <button
          type="button"
          className="button-link small-text"
          aria-disabled={correct.isPending || undefined}
          onClick={() => !correct.isPending && correct.mutate({ bookingId: registrant.booking_id, attendance: other })}
        >
          {correct.isPending ? "Saving…" : other === "attended" ? "Mark attended" : "Mark no-show"}
        </button>
      )}
      {error && (
        <span className="field-error small-text" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
