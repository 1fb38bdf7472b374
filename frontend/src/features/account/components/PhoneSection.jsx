/** The account page's "Text messages": a mobile number (optional) and whether texts go to it (PATCH /auth/me: phone,
 *  sms_enabled). The server reads the number in any common way and answers it in E.164; texts need a number, proved
 *  with a texted code (PhoneVerification, below the form). */
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { useForm } from "../../../lib/use-form.js";
import { useUpdateAccount } from "../api.js";
import { phoneLabel, phoneSaved, smsLabel } from "../wording.js";
import { PhoneVerification } from "./PhoneVerification.jsx";

const FIELDS = ["phone", "sms_enabled"];

/** The changes to send: only what differs from the account; a blank number removes it (and texts with it). */
export function contactChanges(account, { phone, smsEnabled }) {
  const changes = {};
  const typed = phone.trim();
  if (typed !== (account.phone ?? "")) changes.phone = typed || null;
  const texts = Boolean(typed) && smsEnabled;
  if (texts !== Boolean(account.sms_enabled)) changes.sms_enabled = texts;
  return changes;
}

export function PhoneSection({ account }) {
  const { t } = useTranslation("account");
  const update = useUpdateAccount();
  const form = useForm({
    initialValues: { phone: account.phone ?? "", smsEnabled: Boolean(account.sms_enabled) },
    onSubmit: async (values) => {
      const changes = contactChanges(account, values);
      if (!Object.keys(changes).length) return;
      const answer = await update.mutateAsync(changes);
      form.setValues({ phone: answer?.phone ?? "", smsEnabled: Boolean(answer?.sms_enabled) });
    },
    onError: (error) => {
      if (error.status === 400) {
        const { fields } = form.showServerErrors(error, FIELDS);
        if (fields.sms_enabled) form.showErrors({ phone: fields.sms_enabled });
        if (Object.keys(fields).length) return;
      }
      form.setFormError(error);
    },
  });
  const { formRef, formError, busy, values } = form;
  const saved = update.isSuccess && !busy && !Object.keys(contactChanges(account, values)).length;
  const hasPhone = Boolean(values.phone.trim()); // texts need a number: without one the box is off

  return (
    <section aria-labelledby="phone-heading" className="card account-section">
      <h2 id="phone-heading">{t("phone.heading")}</h2>
      <form ref={formRef} className="form" onSubmit={form.handleSubmit} noValidate aria-label={t("phone.formLabel")}>
        <ErrorMessage error={formError} title={t("phone.notSaved")} />
        <InputField id="account-phone" type="tel" label={phoneLabel()} hint={t("phone.hint")} autoComplete="tel" {...form.field("phone")} />
        <div className="check-field">
          <input
            type="checkbox"
            id="account-sms"
            name="smsEnabled"
            checked={hasPhone && values.smsEnabled}
            disabled={!hasPhone}
            onChange={(event) => form.setValue("smsEnabled", event.target.checked)}
            aria-describedby="account-sms-help"
          />
          <label htmlFor="account-sms">{smsLabel()}</label>
        </div>
        <p id="account-sms-help" className="muted small-text">
          {t("phone.smsHelp")}
        </p>
        <div className="actions">
          <SubmitButton busy={busy} busyLabel={t("form.saving")}>
            {t("phone.save")}
          </SubmitButton>
        </div>
        <p role="status" className="save-status">
          {busy ? t("form.saving") : saved && phoneSaved()}
        </p>
      </form>
      {/* Keyed by the number: a code sent to the old one says nothing about a new one. */}
      <PhoneVerification key={account.phone ?? ""} account={account} />
    </section>
  );
}
