/** The two login doors: /login for people who book, /facilitator/login for staff (with the demo accounts). */
import { Link, useLocation } from "react-router";
import { useAuth } from "../../../lib/auth.jsx";
import { paths } from "../../../lib/paths.js";
import { useCountdown } from "../../../lib/use-countdown.js";
import { useForm } from "../../../lib/use-form.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { homePathFor, returnPathFrom, validateLogin } from "../destinations.js";
import { DemoAccounts } from "./DemoAccounts.jsx";
import { InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { AuthPage } from "./AuthPage.jsx";
import "../auth.css";
import { FormAlert } from "../../../components/FormAlert.jsx";

export const WRONG_CREDENTIALS = "Wrong email/username or password.";
export const WRONG_DOOR = "This is the facilitator login. Use the regular login for your account.";

// The API names the identifier email, username or login; the form has one field for all three.
const IDENTIFIER_FIELDS = ["email", "username", "login"];
const loginFieldOf = (path) => (IDENTIFIER_FIELDS.includes(path) ? "login" : path === "password" && path);

/** Whether the account just signed in is a member of a studio (GET /api/studios): such a user account is staff too. */
const isStudioMember = (main) => main.get("/api/studios").then((answer) => (answer.items ?? []).length > 0, () => false);

export function LoginPage({ staff = false }) {
  const title = staff ? "Facilitator login" : "Log in";
  usePageTitle(title);
  const { user, login, logout, dismissNotice, api } = useAuth();
  const location = useLocation();
  const returnPath = returnPathFrom(location);
  const wait = useCountdown();
  const form = useForm({
    initialValues: { login: "", password: "" },
    validate: validateLogin,
    onSubmit: async (values) => {
      if (wait.remaining > 0) return; // the server would only say 429 again
      const account = await login({ login: values.login.trim(), password: values.password });
      const member = staff && account.role === "user" && (await isStudioMember(api.main));
      if (staff && account.role === "user" && !member) {
        logout();
        form.setFormError(WRONG_DOOR);
        return;
      }
      dismissNotice();
      form.leave(returnPath ?? (member ? paths.facilitator : homePathFor(account)), { replace: true });
    },
    onError: (error) => {
      if (error.status === 429 && error.retryAfter) {
        wait.start(error.retryAfter); // the alert below counts down; the form opens again at zero
        return;
      }
      if (error.code === "invalid_credentials") {
        form.setFormError(WRONG_CREDENTIALS);
        return;
      }
      if (error.status === 400) form.showServerErrors(error, loginFieldOf);
      form.setFormError(error.message);
    },
  });
  const { formRef, formError, busy } = form;

  return (
    <AuthPage title={title} user={user} busy={busy} returnPath={returnPath}>
      <div className="card auth-card">
        {staff && <p className="muted">For facilitators and operators: run your sessions, see who booked.</p>}
        <FormAlert waitSeconds={wait.remaining} tooMany="Too many failed logins." error={formError} />
        <form ref={formRef} className="form" onSubmit={form.handleSubmit} noValidate aria-label={title}>
          <InputField
            id="login-identifier"
            label="Email or username"
            autoComplete="username"
            {...form.field("login")}
            required
          />
          <InputField
            id="login-password"
            type="password"
            label="Password"
            autoComplete="current-password"
            {...form.field("password")}
            required
          />
          <div className="actions">
            <SubmitButton busy={busy} busyLabel="Logging in…" waitSeconds={wait.remaining}>
              Log in
            </SubmitButton>
          </div>
        </form>
        <div className="auth-links small-text">
          <p>
            <Link to={paths.forgotPassword}>Forgot your password?</Link>
          </p>
          {staff ? (
            <p>
              Booking a session? <Link to={paths.login}>Use the regular login</Link>
            </p>
          ) : (
            <>
              <p>
                New here? <Link to={paths.register} state={returnPath ? { from: returnPath } : undefined}>Create an account</Link>
              </p>
              <p>
                <Link to={paths.facilitatorLogin}>Facilitator? Log in here</Link>
              </p>
            </>
          )}
        </div>
      </div>
      {staff && <DemoAccounts />}
    </AuthPage>
  );
}
