/** Labelled form controls with their hint and error wired for screen readers (aria-invalid, aria-describedby). */

/** Field({id, label, hint, error, children}): children(control) renders the control with the wiring props. */
export function Field({ id, label, error, hint, children }) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const control = { id, "aria-invalid": error ? "true" : undefined, "aria-describedby": describedBy };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(control)}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The common case: a Field around an <input>; other props go to the input. */
export function InputField({ id, label, hint, error, ...inputProps }) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(control) => <input {...control} {...inputProps} />}
    </Field>
  );
}
