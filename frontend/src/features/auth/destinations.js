/** Where an account goes after signing in, and the client-side checks of the auth forms. */
import { t } from "../../lib/i18n.js";
import { newPasswordProblem, repeatedPasswordProblem } from "../../lib/passwords.js";
import { paths } from "../../lib/paths.js";

/** The start page of each role: staff have their own area, users browse events. */
export function homePathFor(user) {
  if (user?.role === "admin") return paths.integration;
  if (user?.role === "facilitator") return paths.facilitator;
  return paths.events;
}

/** Where a page the guard sent here wants to go back to (RequireAuth and the session expiry set it). */
export function returnPathFrom(location) {
  const from = location.state?.from;
  // Only paths inside the app: never an absolute URL someone put in the state.
  return typeof from === "string" && from.startsWith("/") && !from.startsWith("//") ? from : null;
}

/** The email a page that sent the person here already knows (an invitation's address), for the form to start with. */
export function emailFrom(location) {
  const email = location.state?.email;
  return typeof email === "string" ? email : "";
}

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateLogin({ login, password }) {
  const errors = {};
  if (!login.trim()) errors.login = t("auth:check.enterLogin");
  if (!password) errors.password = t("auth:check.enterPassword");
  return errors;
}

/** What is wrong with an email address typed in, or null. */
function emailProblem(email) {
  if (!email.trim()) return t("auth:check.enterEmail");
  return EMAIL_SHAPE.test(email.trim()) ? null : t("auth:check.emailShape");
}

export function validateRegistration({ name, email, password }) {
  const errors = {};
  if (!name.trim()) errors.name = t("auth:check.enterName");
  const problem = emailProblem(email);
  if (problem) errors.email = problem;
  const passwordProblem = newPasswordProblem(password, t("auth:check.choosePassword"));
  if (passwordProblem) errors.password = passwordProblem;
  return errors;
}

/** The forgot-password form: the account's email. */
export function validateResetRequest({ email }) {
  const problem = emailProblem(email);
  return problem ? { email: problem } : {};
}

/** The reset-password form: a new password, twice. */
export function validateNewPassword({ password, password_again }) {
  const errors = {};
  const problem = newPasswordProblem(password, t("auth:check.chooseNewPassword"));
  if (problem) errors.password = problem;
  const repeat = repeatedPasswordProblem(password, password_again);
  if (repeat) errors.password_again = repeat;
  return errors;
}
