/** The two login doors: /login for people who book, /facilitator/login for staff (with the demo accounts). */
import { Trans, useTranslation } from "react-i18next";
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
import { wrongCredentials, wrongDoor } from "../wording.js";
import "../auth.css";
import { FormAlert } from "../../../components/FormAlert.jsx";

// The API names the identifier email, username or login; the form has one field for all three.
const IDENTIFIER_FIELDS = ["email", "username", "login"];
const loginFieldOf = (path) => (IDENTIFIER_FIELDS.includes(path) ? "login" : path === "password" && path);

/** Whether the account just signed in is a member of a studio (GET /api/studios): such a user account is staff too. */
const isStudioMember = (main) => main.get("/api/studios").then((answer) => (answer.items ?? []).length > 0, () => false);

export function LoginPage({ staff = false }) {
  const { t } = useTranslation("auth");
  const title = staff ? t("login.staffTitle") : t("login.title");
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
        form.setFormError(wrongDoor());
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
        form.setFormError(wrongCredentials());
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
        {staff && <p className="muted">{t("login.staffIntro")}</p>}
        <FormAlert waitSeconds={wait.remaining} tooMany={t("login.tooMany")} error={formError} />
        <form ref={formRef} className="form" onSubmit={form.handleSubmit} noValidate aria-label={title}>
          <InputField
            id="login-identifier"
            label={t("field.login")}
            autoComplete="username"
            {...form.field("login")}
            required
          />
          <InputField
            id="login-password"
            type="password"
            label={t("field.password")}
            autoComplete="current-password"
            {...form.field("password")}
            required
          />
          <div className="actions">
            <SubmitButton busy={busy} busyLabel={t("login.busy")} waitSeconds={wait.remaining}>
              {t("login.submit")}
            </SubmitButton>
          </div>
        </form>
        <div className="auth-links small-text">
          <p>
            <Link to={paths.forgotPassword}>{t("forgot.title")}</Link>
          </p>
          {staff ? (
            <p>
              <Trans t={t} i18nKey="login.regular" components={{ login: <Link to={paths.login} /> }} />
            </p>
          ) : (
            <>
              <p>
                <Trans t={t} i18nKey="login.newHere" components={{ register: <Link to={paths.register} state={returnPath ? { from: returnPath } : undefined} /> }} />
              </p>
              <p>
                <Link to={paths.facilitatorLogin}>{t("login.facilitatorDoor")}</Link>
              </p>
            </>
          )}
        </div>
      </div>
      {staff && <DemoAccounts />}
    </AuthPage>
  );
}
