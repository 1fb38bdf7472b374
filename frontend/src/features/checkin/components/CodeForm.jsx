/** A code read out or shown on a screen, typed: 8 characters (spaces, dashes and case do not matter), or a QR code's
 *  whole text. */
import { useState } from "react";

export function CodeForm({ onCode, disabled }) {
  const [text, setText] = useState("");
  const submit = (event) => {
    event.preventDefault();
    if (!text.trim() || disabled) return;
    onCode(text);
    setText("");
  };
  return (
    <form className="checkin-code" onSubmit={submit} aria-labelledby="code-heading">
      <h2 id="code-heading">Type a code</h2>
      <div className="field">
        <label htmlFor="checkin-code">Check-in code</label>
        <div className="code-entry">
          <input
            id="checkin-code"
            value={text}
            onChange={(event) => setText(event.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder="K7Q2 M9XD"
            aria-describedby="checkin-code-hint"
          />
          <button type="submit" className="button primary" aria-disabled={disabled || undefined}>
            Check in
          </button>
        </div>
        <p id="checkin-code-hint" className="field-hint">
          The 8 characters under the QR code in their booking email or on My bookings.
        </p>
      </div>
    </form>
  );
}
