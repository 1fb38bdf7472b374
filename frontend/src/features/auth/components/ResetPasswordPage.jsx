/** /reset-password?token=…: where a reset email's link lands. A new password, twice; the answer signs the person in
 *  (every other session of the account has ended) and takes them to their bookings (staff: their start page). */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { useAuth } from "../../../lib/auth.jsx";
import { MIN_PASSWORD, passwordHint } from "../../../lib/passwords.js";
import { paths } from "../../../lib/paths.js";
import { useCountdown } from "../../../lib/use-countdown.js";
import { useForm } from "../../../lib/use-form.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { homePathFor, validateNewPassword } from "../destinations.js";
import { passwordResetDone, resetLinkNotValid } from "../wording.js";
import "../auth.css";
import { FormAlert } from "../../../components/FormAlert.jsx";

/** The page an account lands on after the reset: My bookings for people who book, the staff's own start page. */
export const afterResetPath = (account) => (account?.role === "user" ? paths.myBookings : homePathFor(account));

// The API names the new password "password"; the repeat is checked here only.
const passwordFieldOf = (path) => path === "password" && "password";

function LinkNotValid() {
  const { t } = useTranslation("auth");
  return (
    <div className="alert alert-error" role="alert">
      {resetLinkNotValid()} <Link to={paths.forgotPassword}>{t("reset.askNewLink")}</Link>
    </div>
  );
}

export function ResetPasswordPage() {
  const { t } = useTranslation("auth");
  usePageTitle(t("reset.title"));
  const [searchParams] = useSearchParams();
  const token = (searchParams.get("token") ?? "").trim();
  const { resetPassword } = useAuth();
  const wait = useCountdown();
  const [refused, setRefused] = useState(false);
  const form = useForm({
    initialValues: { password: "", password_again: "" },
    validate: validateNewPassword,
    onSubmit: async ({ password }) => {
      if (wait.remaining > 0) return; // the server would only say 429 again
      const account = await resetPassword({ token, password }, passwordResetDone());
      form.leave(afterResetPath(account), { replace: true });
    },
    onError: (error) => {
      if (error.code === "invalid_token") {
        setRefused(true);
        return;
      }
      if (error.status === 429 && error.retryAfter) {
        wait.start(error.retryAfter);
        return;
      }
      if (error.status === 400) {
        const { fields } = form.showServerErrors(error, passwordFieldOf);
        if (Object.keys(fields).length) return;
      }
      form.setFormError(error.message);
    },
  });
  const { formRef, formError, busy } = form;

  return (
    <section className="page narrow">
      <h1>{t("reset.title")}</h1>
      <div className="card auth-card">
        {!token || refused ? (
          <LinkNotValid />
        ) : (
          <>
            <p className="muted">{t("reset.explanation")}</p>
            <FormAlert waitSeconds={wait.remaining} tooMany={t("reset.tooMany")} error={formError} />
            <form ref={formRef} className="form" onSubmit={form.handleSubmit} noValidate aria-label={t("reset.title")}>
              <InputField
                id="reset-password"
                type="password"
                label={t("reset.newPassword")}
                autoComplete="new-password"
                hint={passwordHint()}
                {...form.field("password")}
                minLength={MIN_PASSWORD}
                required
              />
              <InputField
                id="reset-password-again"
                type="password"
                label={t("reset.repeat")}
                autoComplete="new-password"
                {...form.field("password_again")}
                required
              />
              <div className="actions">
                <SubmitButton busy={busy} busyLabel={t("reset.saving")} waitSeconds={wait.remaining}>
                  {t("reset.submit")}
                </SubmitButton>
              </div>
            </form>
          </>
        )}
      </div>
    </section>
  );
}
