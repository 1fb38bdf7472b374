/** A code read out or shown on a screen, typed: 8 characters (spaces, dashes and case do not matter), or a QR code's
 *  whole text. */
import { useState } from "react";
import { useTranslation } from "react-i18next";

const EXAMPLE = "K7Q2 M9XD"; // what a code looks like, in any language

export function CodeForm({ onCode, disabled }) {
  const { t } = useTranslation("checkin");
  const [text, setText] = useState("");
  const submit = (event) => {
    event.preventDefault();
    if (!text.trim() || disabled) return;
    onCode(text);
    setText("");
  };
  return (
    <form className="checkin-code" onSubmit={submit} aria-labelledby="code-heading">
      <h2 id="code-heading">{t("code.heading")}</h2>
      <div className="field">
        <label htmlFor="checkin-code">{t("code.label")}</label>
        <div className="code-entry">
          <input
            id="checkin-code"
            value={text}
            onChange={(event) => setText(event.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder={EXAMPLE}
            aria-describedby="checkin-code-hint"
          />
          <button type="submit" className="button primary" aria-disabled={disabled || undefined}>
            {t("code.submit")}
          </button>
        </div>
        <p id="checkin-code-hint" className="field-hint">
          {t("code.hint")}
        </p>
      </div>
    </form>
  );
}
