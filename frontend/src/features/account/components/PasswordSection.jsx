/** The account page's Password section: the current password and the new one twice. A change signs out every other
 *  session of the account; this one carries on with the new token the answer brings. */
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { SuccessMessage } from "../../../components/Feedback.jsx";
import { InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { MIN_PASSWORD, passwordHint, newPasswordProblem, repeatedPasswordProblem } from "../../../lib/passwords.js";
import { useCountdown } from "../../../lib/use-countdown.js";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { useForm } from "../../../lib/use-form.js";
import { t as translate } from "../../../lib/i18n.js";
import { useChangePassword } from "../api.js";
import { passwordChanged } from "../wording.js";
import { FormAlert } from "../../../components/FormAlert.jsx";

const EMPTY = { current_password: "", new_password: "", new_password_again: "" };
// The fields the API names in a 400's details (the repeat is checked here only).
const SERVER_FIELDS = ["current_password", "new_password"];

export function validatePasswordChange({ current_password, new_password, new_password_again }) {
  const errors = {};
  if (!current_password) errors.current_password = translate("account:password.enterCurrent");
  const problem = newPasswordProblem(new_password, translate("account:password.chooseNew"));
  if (problem) errors.new_password = problem;
  const repeat = repeatedPasswordProblem(new_password, new_password_again);
  if (repeat) errors.new_password_again = repeat;
  return errors;
}

/** username: the account's login, in a hidden field for password managers (which account's password changes). */
export function PasswordSection({ username }) {
  const { t } = useTranslation("account");
  const changePassword = useChangePassword();
  const wait = useCountdown();
  // The success on screen (0: none): a new number each time, so the focus moves to the message again.
  const [success, setSuccess] = useState(0);
  const successes = useRef(0);
  const successRef = useFocusOnAppear(success);
  const form = useForm({
    initialValues: EMPTY,
    validate: validatePasswordChange,
    onInvalid: () => setSuccess(0),
    onSubmit: async ({ current_password, new_password }) => {
      if (wait.remaining > 0) return; // the server would only say 429 again
      setSuccess(0);
      await changePassword({ current_password, new_password });
      form.setValues(EMPTY);
      successes.current += 1;
      setSuccess(successes.current);
    },
    onError: (error) => {
      if (error.status === 429 && error.retryAfter) {
        wait.start(error.retryAfter); // the alert below counts down; the form opens again at zero
        return;
      }
      if (error.status === 400) {
        const { fields } = form.showServerErrors(error, SERVER_FIELDS);
        form.setFormError(Object.keys(fields).length ? t("form.correctFields") : error.message);
        return;
      }
      form.setFormError(error.message);
    },
  });
  const { formRef, formError, busy } = form;

  return (
    <section aria-labelledby="password-heading" className="card account-section">
      <h2 id="password-heading">{t("password.heading")}</h2>
      <p className="muted">{t("password.signsOut")}</p>
      {success > 0 && (
        <div ref={successRef} tabIndex={-1} className="outcome">
          <SuccessMessage>{passwordChanged()}</SuccessMessage>
        </div>
      )}
      <FormAlert waitSeconds={wait.remaining} tooMany={t("form.tooManyWrongPasswords")} error={formError} />
      <form ref={formRef} className="form" onSubmit={form.handleSubmit} noValidate aria-labelledby="password-heading">
        {/* Tells password managers whose password this is. */}
        <input type="text" name="username" autoComplete="username" value={username ?? ""} readOnly hidden />
        <InputField
          id="password-current"
          type="password"
          label={t("password.current")}
          autoComplete="current-password"
          {...form.field("current_password")}
          required
        />
        <InputField
          id="password-new"
          type="password"
          label={t("password.new")}
          autoComplete="new-password"
          hint={passwordHint()}
          {...form.field("new_password")}
          minLength={MIN_PASSWORD}
          required
        />
        <InputField
          id="password-new-again"
          type="password"
          label={t("password.repeat")}
          autoComplete="new-password"
          {...form.field("new_password_again")}
          required
        />
        <div className="actions">
          <SubmitButton busy={busy} busyLabel={t("password.changing")} waitSeconds={wait.remaining}>
            {t("password.change")}
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
