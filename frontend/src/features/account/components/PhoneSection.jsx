/** The account page's "Text messages": a mobile number (optional) and whether texts go to it (PATCH /auth/me: phone,
 *  sms_enabled). The server reads the number in any common way and answers it in E.164; texts need a number, proved
 *  with a texted code (PhoneVerification, below the form). */
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { useForm } from "../../../lib/use-form.js";
import { useUpdateAccount } from "../api.js";
import { PhoneVerification } from "./PhoneVerification.jsx";

export const PHONE_LABEL = "Mobile number";
export const PHONE_HINT = "With your country code, e.g. +91 98123 45678. Leave it empty to remove it.";
export const SMS_LABEL = "Text me a reminder 2 hours before each session, and when a booking changes";
export const PHONE_SAVED = "Saved.";
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
      <h2 id="phone-heading">Text messages</h2>
      <form ref={formRef} className="form" onSubmit={form.handleSubmit} noValidate aria-label="Your phone and texts">
        <ErrorMessage error={formError} title="Your phone was not saved." />
        <InputField id="account-phone" type="tel" label={PHONE_LABEL} hint={PHONE_HINT} autoComplete="tel" {...form.field("phone")} />
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
          <label htmlFor="account-sms">{SMS_LABEL}</label>
        </div>
        <p id="account-sms-help" className="muted small-text">
          Off until you tick it; it needs a mobile number, verified with a code we text to it. Reply STOP to any text to end them.
        </p>
        <div className="actions">
          <SubmitButton busy={busy} busyLabel="Saving…">
            Save phone
          </SubmitButton>
        </div>
        <p role="status" className="save-status">
          {busy ? "Saving…" : saved && PHONE_SAVED}
        </p>
      </form>
      {/* Keyed by the number: a code sent to the old one says nothing about a new one. */}
      <PhoneVerification key={account.phone ?? ""} account={account} />
    </section>
  );
}
