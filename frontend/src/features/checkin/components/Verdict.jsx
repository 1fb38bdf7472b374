/** The last scan's verdict, large: checked in (with Undo), already here (when, by which device), not valid (why).
 *  waiting: its check-in is still on the device, not yet sent. */
import { useTranslation } from "react-i18next";
import { verdictText } from "../wording.js";

export function Verdict({ verdict, timeZone, device, opensAt, waiting, online, onUndo }) {
  const { t } = useTranslation("checkin");
  if (!verdict) {
    return (
      <div className="verdict verdict-idle" role="status">
        {t("verdict.idle")}
      </div>
    );
  }
  const { tone, title, detail } = verdictText(verdict, { timeZone, device, opensAt });
  return (
    <div key={verdict.serial} className={`verdict verdict-${tone}`} role="status">
      {/* Strong text, not a styled paragraph: a paragraph that looks like a heading reads as one that isn't. */}
      <strong className="verdict-title">{title}</strong>
      {detail && <p className="verdict-detail">{detail}</p>}
      {waiting && <p className="verdict-detail">{online ? t("verdict.sending") : t("verdict.saved")}</p>}
      {verdict.status === "checked_in" && (
        <button type="button" className="button secondary small" onClick={() => onUndo(verdict.seat)} aria-label={t("verdict.undoLabel", { name: verdict.seat.name })}>
          {t("verdict.undo")}
        </button>
      )}
    </div>
  );
}
