/** Create a user account (its email filled in when the page that sent the person here knows it: an invitation's);
 *  the person is signed in at once and goes back where they came from. */
import { Trans, useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { useAuth } from "../../../lib/auth.jsx";
import { paths } from "../../../lib/paths.js";
import { useForm } from "../../../lib/use-form.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { MAX_NAME } from "../../../lib/names.js";
import { MIN_PASSWORD, passwordHint } from "../../../lib/passwords.js";
import { emailFrom, returnPathFrom, validateRegistration } from "../destinations.js";
import { InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { AuthPage } from "./AuthPage.jsx";
import "../auth.css";

const FIELDS = ["name", "other_name", "email", "password", "phone", "sms_enabled"];

export function RegisterPage() {
  const { t } = useTranslation("auth");
  usePageTitle(t("register.title"));
  const { user, register } = useAuth();
  const location = useLocation();
  const returnPath = returnPathFrom(location);
  const form = useForm({
    initialValues: { name: "", other_name: "", email: emailFrom(location), password: "", phone: "", smsEnabled: false },
    validate: validateRegistration,
    onSubmit: async (values) => {
      const phone = values.phone.trim();
      const contact = phone ? { phone, sms_enabled: values.smsEnabled } : {};
      const otherName = values.other_name.trim();
      const names = { name: values.name.trim(), ...(otherName ? { other_name: otherName } : {}) };
      await register({ ...names, email: values.email.trim(), password: values.password, ...contact });
      form.leave(returnPath ?? paths.events, { replace: true });
    },
    onError: (error) => {
      if (error.status === 409) {
        if (error.code === "email_taken") form.showErrors({ email: t("register.emailTaken") });
        form.setFormError({ message: error.message, offerLogin: true });
      } else if (error.status === 400) {
        const { fields } = form.showServerErrors(error, FIELDS);
        if (fields.sms_enabled) form.showErrors({ ...fields, phone: fields.sms_enabled });
        form.setFormError({ message: Object.keys(fields).length ? t("register.correctFields") : error.message });
      } else {
        form.setFormError({ message: error.message });
      }
    },
  });
  const { formRef, formError, busy } = form;

  return (
    <AuthPage title={t("register.title")} user={user} busy={busy} returnPath={returnPath}>
      <div className="card auth-card">
        <p className="muted">{t("register.intro")}</p>
        {formError && (
          <div className="alert alert-error" role="alert">
            {formError.message}
            {formError.offerLogin && (
              <>
                {" "}
                <Link to={paths.login} state={returnPath ? { from: returnPath } : undefined}>
                  {t("register.logInInstead")}
                </Link>
              </>
            )}
          </div>
        )}
        <form ref={formRef} className="form" onSubmit={form.handleSubmit} noValidate aria-label={t("register.title")}>
          <InputField
            id="register-name"
            label={t("field.name")}
            autoComplete="name"
            {...form.field("name")}
            required
          />
          <InputField
            id="register-other-name"
            label={t("register.otherName")}
            hint={t("register.otherNameHint")}
            autoComplete="off"
            {...form.field("other_name")}
            maxLength={MAX_NAME}
          />
          <InputField
            id="register-email"
            type="email"
            label={t("field.email")}
            autoComplete="email"
            {...form.field("email")}
            required
          />
          <InputField
            id="register-password"
            type="password"
            label={t("field.password")}
            autoComplete="new-password"
            hint={passwordHint()}
            {...form.field("password")}
            minLength={MIN_PASSWORD}
            required
          />
          <InputField
            id="register-phone"
            type="tel"
            label={t("register.phone")}
            autoComplete="tel"
            hint={t("register.phoneHint")}
            {...form.field("phone")}
          />
          <div className="check-field">
            <input
              type="checkbox"
              id="register-sms"
              checked={form.values.smsEnabled}
              onChange={(event) => form.setValue("smsEnabled", event.target.checked)}
              disabled={!form.values.phone.trim()}
            />
            <label htmlFor="register-sms">{t("register.sms")}</label>
          </div>
          <div className="actions">
            <SubmitButton busy={busy} busyLabel={t("register.busy")}>
              {t("register.submit")}
            </SubmitButton>
          </div>
        </form>
        <p className="small-text">
          <Trans t={t} i18nKey="register.haveAccount" components={{ login: <Link to={paths.login} state={returnPath ? { from: returnPath } : undefined} /> }} />
        </p>
      </div>
    </AuthPage>
  );
}
