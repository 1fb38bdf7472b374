/** A form's submit button. While busy it says so and is aria-disabled, not disabled: a disabled button drops the
 *  focus, and after a refusal (a wrong password, a field to fix) the keyboard user would be nowhere.
 *  waitSeconds > 0 (a 429's countdown) holds it the same way, saying how long is left. */
import { useTranslation } from "react-i18next";

export function SubmitButton({ busy, busyLabel, waitSeconds = 0, className = "button primary", children }) {
  const { t } = useTranslation("common");
  const held = busy || waitSeconds > 0;
  return (
    <button type="submit" className={className} aria-disabled={held || undefined}>
      {busy ? busyLabel : waitSeconds > 0 ? t("submit.wait", { seconds: waitSeconds }) : children}
    </button>
  );
}
