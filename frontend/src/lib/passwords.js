/** The rule every new password follows (the API's own minimum length), checked before sending by the forms that
 *  choose one: registration, the account page's password change and the password reset. */
export const MIN_PASSWORD = 8;
export const PASSWORD_HINT = `At least ${MIN_PASSWORD} characters.`;
export const PASSWORDS_DIFFER = "The new passwords don't match.";

/** What is wrong with a new password, or null: `missing` when it is empty, else too short. */
export function newPasswordProblem(password, missing) {
  if (!password) return missing;
  if (password.length < MIN_PASSWORD) return `Use at least ${MIN_PASSWORD} characters.`;
  return null;
}

/** What is wrong with the new password typed again, or null: empty, or not the same as the first. */
export function repeatedPasswordProblem(password, again) {
  if (!again) return "Enter the new password again.";
  return again === password ? null : PASSWORDS_DIFFER;
}
