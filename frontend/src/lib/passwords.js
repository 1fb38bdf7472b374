/** The rule every new password follows (the API's own minimum length), checked before sending by the forms that
 *  choose one: registration and the account page's password change. */
export const MIN_PASSWORD = 8;
export const PASSWORD_HINT = `At least ${MIN_PASSWORD} characters.`;

/** What is wrong with a new password, or null: `missing` when it is empty, else too short. */
export function newPasswordProblem(password, missing) {
  if (!password) return missing;
  if (password.length < MIN_PASSWORD) return `Use at least ${MIN_PASSWORD} characters.`;
  return null;
}
