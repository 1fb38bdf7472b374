/** Moves focus to the first control marked invalid inside `form` (after a failed submit). */
export function focusFirstInvalid(form) {
  // After React has rendered the new errors.
  setTimeout(() => form?.querySelector('[aria-invalid="true"]')?.focus(), 0);
}
