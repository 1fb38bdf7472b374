/** A form's submit button. While busy it says so and is aria-disabled, not disabled: a disabled button drops the
 *  focus, and after a refusal (a wrong password, a field to fix) the keyboard user would be nowhere. */
export function SubmitButton({ busy, busyLabel, children }) {
  return (
    <button type="submit" className="button primary" aria-disabled={busy || undefined}>
      {busy ? busyLabel : children}
    </button>
  );
}
