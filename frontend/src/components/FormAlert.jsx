/** The alert above a form: while a 429's wait runs, "<tooMany> Try again in N seconds."; otherwise the form's
 *  error, if any. */
import { useTranslation } from "react-i18next";
import { secondsText } from "../lib/use-countdown.js";

export function FormAlert({ waitSeconds = 0, tooMany, error }) {
  const { t } = useTranslation("common");
  if (waitSeconds > 0) {
    return (
      <div className="alert alert-error" role="alert">
        {tooMany} {t("formAlert.tryAgainIn", { wait: secondsText(waitSeconds) })}
      </div>
    );
  }
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      {error}
    </div>
  );
}
