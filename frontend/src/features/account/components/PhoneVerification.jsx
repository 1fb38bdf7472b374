/** Under the saved number: whether texts can reach it. A number is proved with a one-time code texted to it ("Send
 *  code", then "Verify" with the code) before any text goes there; a number that replied STOP gets nothing until it
 *  replies START, whichever account gives it. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { useForm } from "../../../lib/use-form.js";
import { useSendPhoneCode, useVerifyPhone } from "../api.js";
import { codeLabel, notVerifiedText, stoppedText, verifiedText } from "../wording.js";

export function PhoneVerification({ account }) {
  const { t } = useTranslation("account");
  const send = useSendPhoneCode();
  const verify = useVerifyPhone();
  const [sent, setSent] = useState(null); // {phone, expires_at} of the code last sent
  const form = useForm({
    initialValues: { code: "" },
    validate: ({ code }) => (/^\s*\d{6}\s*$/.test(code) ? {} : { code: t("verification.typeDigits") }),
    onSubmit: async ({ code }) => {
      await verify.mutateAsync(code.trim());
      setSent(null);
    },
    onError: (error) => {
      if (error.code === "invalid_code") form.showErrors({ code: error.message });
      else form.setFormError(error);
    },
  });

  const { formRef, formError, busy } = form;
  if (!account.phone) return null;
  if (account.sms_stopped) return <p className="phone-state muted small-text">{stoppedText()}</p>;
  if (account.phone_verified) return <p className="phone-state verified small-text">{verifiedText()}</p>;

  const sendCode = () => {
    if (send.isPending) return;
    send.mutate(undefined, {
      onSuccess: (answer) => {
        setSent(answer);
        form.setValues({ code: "" });
        form.setFormError(null);
      },
    });
  };

  return (
    <div className="phone-verification">
      <p className="phone-state small-text">{notVerifiedText()}</p>
      <ErrorMessage error={send.error} title={t("verification.notSent")} />
      <button type="button" className="button secondary" onClick={sendCode} aria-disabled={send.isPending || undefined}>
        {send.isPending ? t("verification.sending") : sent ? t("verification.sendNew") : t("verification.send")}
      </button>
      {sent && (
        <form ref={formRef} className="form code-form" onSubmit={form.handleSubmit} noValidate aria-label={t("verification.formLabel")}>
          <p role="status" className="small-text">
            {t("verification.sent", { phone: sent.phone, until: formatDateTime(sent.expires_at) })}
          </p>
          <ErrorMessage error={formError} title={t("verification.failed")} />
          <InputField id="phone-code" label={codeLabel()} inputMode="numeric" autoComplete="one-time-code" {...form.field("code")} />
          <div className="actions">
            <SubmitButton busy={busy} busyLabel={t("verification.checking")}>
              {t("verification.verify")}
            </SubmitButton>
          </div>
        </form>
      )}
    </div>
  );
}
