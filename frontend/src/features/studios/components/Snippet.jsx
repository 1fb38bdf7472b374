/** A snippet to paste on the studio's own site: read-only, with Copy and what came of it said in a live region. */
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { useCopy } from "../../../lib/use-copy.js";

/** id: the textarea's; label: what it is ("Timetable snippet"); code: the text. */
export function Snippet({ id, label, code }) {
  const { t } = useTranslation("studios");
  const codeRef = useRef(null);
  const { copy, status } = useCopy(code);
  const copyCode = async () => {
    if (await copy()) return;
    // The browser would not copy it: selected, so the keyboard's copy takes it.
    codeRef.current?.focus();
    codeRef.current?.select();
  };
  return (
    <div className="snippet" role="group" aria-labelledby={`${id}-label`}>
      <div className="field">
        <label id={`${id}-label`} htmlFor={id}>
          {label}
        </label>
        <textarea ref={codeRef} id={id} className="snippet-code" readOnly rows={3} value={code} spellCheck={false} onFocus={(event) => event.target.select()} />
      </div>
      <div className="actions">
        <button type="button" className="button secondary small" onClick={copyCode}>
          {t("widget.code.copy")}
        </button>
        <p role="status" aria-live="polite" className={`copy-status${status === "manual" ? " manual" : ""}`}>
          {status === "copied" && t("widget.code.copied")}
          {status === "manual" && t("widget.code.copyByHand")}
        </p>
      </div>
    </div>
  );
}
