/** The account's birthday (PATCH /auth/me: birthday, "YYYY-MM-DD"; empty removes it: null), which studios the person
 *  books with may greet them on. Optional. */
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { t as translate } from "../../../lib/i18n.js";
import { useForm } from "../../../lib/use-form.js";
import { useUpdateAccount } from "../api.js";
import { birthdayRemoved, birthdaySaved } from "../wording.js";

const EARLIEST = "1900-01-01";

/** Today on this device, as a date input writes it. */
function today(now = new Date()) {
  const pad = (number) => String(number).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function validateBirthday({ birthday }) {
  if (!birthday) return {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthday) || birthday < EARLIEST) return { birthday: translate("account:details.birthdayInvalid") };
  if (birthday > today()) return { birthday: translate("account:details.birthdayInFuture") };
  return {};
}

/** onDone(message) closes the form, with the saved message or null (nothing changed, or cancelled). */
export function BirthdayForm({ account, onDone }) {
  const { t } = useTranslation("account");
  const update = useUpdateAccount();
  const form = useForm({
    initialValues: { birthday: account.birthday ?? "" },
    validate: validateBirthday,
    onSubmit: async ({ birthday }) => {
      const value = birthday || null;
      if (value === (account.birthday ?? null)) {
        onDone(null);
        return;
      }
      await update.mutateAsync({ birthday: value });
      onDone(value ? birthdaySaved() : birthdayRemoved());
    },
    onError: (error) => {
      if (error.status === 400) {
        const { fields } = form.showServerErrors(error, ["birthday"]);
        if (Object.keys(fields).length) return;
      }
      form.setFormError(error);
    },
  });
  const { formRef, formError, busy } = form;
  return (
    <form ref={formRef} className="form name-form" onSubmit={form.handleSubmit} noValidate aria-label={t("details.changeYourBirthday")}>
      <ErrorMessage error={formError} title={t("details.birthdayNotChanged")} />
      <InputField
        id="account-birthday"
        type="date"
        label={t("details.birthdayField")}
        hint={t("details.birthdayHint")}
        autoComplete="bday"
        min={EARLIEST}
        max={today()}
        {...form.field("birthday")}
        autoFocus
      />
      <div className="actions">
        <SubmitButton busy={busy} busyLabel={t("form.saving")}>
          {t("details.saveBirthday")}
        </SubmitButton>
        <button type="button" className="button secondary" onClick={() => !busy && onDone(null)} aria-disabled={busy || undefined}>
          {t("form.cancel")}
        </button>
      </div>
    </form>
  );
}
