/** Check-ins made on this device that the server refused when they were sent (the booking was cancelled meanwhile,
 *  say): the person is not checked in, and the door should know. */
import { useTranslation } from "react-i18next";
import { reasonText } from "../desk.js";

export function SentRefused({ refusals, onDismiss }) {
  const { t } = useTranslation("checkin");
  if (refusals.length === 0) return null;
  return (
    <div className="alert alert-error" role="alert">
      <strong>{t("refused.title")}</strong>
      <ul className="checkin-refused">
        {refusals.map((refusal) => (
          <li key={refusal.entryId}>
            {t("refused.line", { name: refusal.name ?? t("refused.aSeat"), reason: reasonText(refusal.reason) ?? "" })}
          </li>
        ))}
      </ul>
      <button type="button" className="button-link" onClick={onDismiss}>
        {t("refused.dismiss")}
      </button>
    </div>
  );
}
