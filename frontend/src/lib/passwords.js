/** The rule every new password follows (the API's own minimum length), checked before sending by the forms that
 *  choose one: registration, the account page's password change and the password reset. */
import { t } from "./i18n.js";

export const MIN_PASSWORD = 8;
/** "At least 8 characters.", in the app's language. */
export const passwordHint = () => t("common:password.hint", { count: MIN_PASSWORD });
/** "The new passwords don't match.", in the app's language. */
export const passwordsDiffer = () => t("common:password.differ");

/** What is wrong with a new password, or null: `missing` when it is empty, else too short. */
export function newPasswordProblem(password, missing) {
  if (!password) return missing;
  if (password.length < MIN_PASSWORD) return t("common:password.tooShort", { count: MIN_PASSWORD });
  return null;
}

/** What is wrong with the new password typed again, or null: empty, or not the same as the first. */
export function repeatedPasswordProblem(password, again) {
  if (!again) return t("common:password.again");
  return again === password ? null : passwordsDiffer();
}
