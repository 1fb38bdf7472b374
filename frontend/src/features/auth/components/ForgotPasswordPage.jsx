/** /forgot-password: the account's email; if an account uses it, a link to choose a new password is emailed. The
 *  answer is the same either way, so the page never says whether an address has an account. */
import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { Link } from "react-router";
import { SuccessMessage } from "../../../components/Feedback.jsx";
import { InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { useAuth } from "../../../lib/auth.jsx";
import { paths } from "../../../lib/paths.js";
import { useCountdown } from "../../../lib/use-countdown.js";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { useForm } from "../../../lib/use-form.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useRequestPasswordReset } from "../api.js";
import { validateResetRequest } from "../destinations.js";
import { resetRequested } from "../wording.js";
import "../auth.css";
import { FormAlert } from "../../../components/FormAlert.jsx";

export function ForgotPasswordPage() {
  const { t } = useTranslation("auth");
  usePageTitle(t("forgot.title"));
  const { devTools } = useAuth();
  const requestReset = useRequestPasswordReset();
  const wait = useCountdown();
  // How many times a link was asked for (0: the form shows): a new number each time moves the focus to the message.
  const [sent, setSent] = useState(0);
  const sentRef = useFocusOnAppear(sent);
  const form = useForm({
    initialValues: { email: "" },
    validate: validateResetRequest,
    onSubmit: async ({ email }) => {
      if (wait.remaining > 0) return; // the server would only say 429 again
      await requestReset(email.trim());
      setSent((count) => count + 1);
    },
    onError: (error) => {
      if (error.status === 429 && error.retryAfter) {
        wait.start(error.retryAfter); // the alert below counts down; the form opens again at zero
        return;
      }
      if (error.status === 400) {
        const { fields } = form.showServerErrors(error, ["email"]);
        if (Object.keys(fields).length) return; // the message is at the field, which takes the focus
      }
      form.setFormError(error.message);
    },
  });
  const { formRef, formError, busy } = form;

  return (
    <section className="page narrow">
      <h1>{t("forgot.title")}</h1>
      <div className="card auth-card">
        {sent > 0 ? (
          <div ref={sentRef} tabIndex={-1} className="outcome reset-sent">
            <SuccessMessage>{resetRequested()}</SuccessMessage>
            {devTools && (
              <p className="dev-note">
                <Trans t={t} i18nKey="forgot.devMailbox" components={{ mailbox: <Link to={paths.mailbox} /> }} />
              </p>
            )}
            <p className="small-text">
              <Trans
                t={t}
                i18nKey="forgot.nothingCame"
                components={{ again: <button type="button" className="button-link inline" onClick={() => setSent(0)} /> }}
              />
            </p>
          </div>
        ) : (
          <>
            <p className="muted">{t("forgot.explanation")}</p>
            <FormAlert waitSeconds={wait.remaining} tooMany={t("forgot.tooMany")} error={formError} />
            <form ref={formRef} className="form" onSubmit={form.handleSubmit} noValidate aria-label={t("forgot.title")}>
              <InputField
                id="reset-email"
                type="email"
                label={t("field.email")}
                autoComplete="email"
                {...form.field("email")}
                required
              />
              <div className="actions">
                <SubmitButton busy={busy} busyLabel={t("forgot.sending")} waitSeconds={wait.remaining}>
                  {t("forgot.send")}
                </SubmitButton>
              </div>
            </form>
          </>
        )}
        <div className="auth-links small-text">
          <p>
            <Trans t={t} i18nKey="forgot.remembered" components={{ login: <Link to={paths.login} /> }} />
          </p>
        </div>
      </div>
    </section>
  );
}
