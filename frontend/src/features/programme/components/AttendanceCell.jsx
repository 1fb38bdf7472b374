/** A booking's attendance on the registrants list (attended, no-show, or not set), with a button to correct it once
 *  the session has closed. */
import { useTranslation } from "react-i18next";
import { t as translate } from "../../../lib/i18n.js";
import { useCorrectAttendance } from "../attendance-api.js";

const LABELS = { attended: ["attendance.attended", "active"], no_show: ["attendance.noShow", "cancelled"] };

/** Why attendance can't be corrected yet (the server's attendance_not_taken). */
export const notTakenText = () => translate("programme:attendance.notTaken");

export function AttendanceCell({ sessionId, registrant, closed }) {
  const { t } = useTranslation("programme");
  const correct = useCorrectAttendance(sessionId);
  if (registrant.status !== "active") return <span className="muted">—</span>;
  const [label, tone] = LABELS[registrant.attendance] ?? ["attendance.notSet", ""];
  const other = registrant.attendance === "attended" ? "no_show" : "attended";
  const error = correct.error && (correct.error.code === "attendance_not_taken" ? notTakenText() : correct.error.message);
  return (
    <div className="registrant-status">
      <span className={`pill ${tone}`}>{t(label)}</span>
      {closed && (
        <button
          type="button"
          className="button-link small-text"
          aria-disabled={correct.isPending || undefined}
          onClick={() => !correct.isPending && correct.mutate({ bookingId: registrant.booking_id, attendance: other })}
        >
          {correct.isPending ? t("shared.saving") : other === "attended" ? t("attendance.markAttended") : t("attendance.markNoShow")}
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
