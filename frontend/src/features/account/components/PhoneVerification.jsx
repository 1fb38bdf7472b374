/** Under the saved number: whether texts can reach it. A number is proved with a one-time code texted to it ("Send
 *  code", then "Verify" with the code) before any text goes there; a number that replied STOP gets nothing until it
 *  replies START, whichever account gives it. */
import { useState } from "react";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { useForm } from "../../../lib/use-form.js";
import { useSendPhoneCode, useVerifyPhone } from "../api.js";

export const VERIFIED = "Verified: texts can go to this number.";
export const NOT_VERIFIED = "Not verified yet: we text only a number you have proved is yours. We'll text it a code.";
export const STOPPED = "This number replied STOP, so no texts go to it. Reply START to any of our texts to get them again.";
export const CODE_LABEL = "Code from the text";

export function PhoneVerification({ account }) {
  const send = useSendPhoneCode();
  const verify = useVerifyPhone();
  const [sent, setSent] = useState(null); // {phone, expires_at} of the code last sent
  const form = useForm({
    initialValues: { code: "" },
    validate: ({ code }) => (/^\s*\d{6}\s*$/.test(code) ? {} : { code: "Type the 6 digits of the text." }),
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
  if (account.sms_stopped) return <p className="phone-state muted small-text">{STOPPED}</p>;
  if (account.phone_verified) return <p className="phone-state verified small-text">{VERIFIED}</p>;

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
      <p className="phone-state small-text">{NOT_VERIFIED}</p>
      <ErrorMessage error={send.error} title="No code was sent." />
      <button type="button" className="button secondary" onClick={sendCode} aria-disabled={send.isPending || undefined}>
        {send.isPending ? "Sending…" : sent ? "Send a new code" : "Send code"}
      </button>
      {sent && (
        <form ref={formRef} className="form code-form" onSubmit={form.handleSubmit} noValidate aria-label="Verify your number">
          <p role="status" className="small-text">
            We texted a code to {sent.phone}. It works until {formatDateTime(sent.expires_at)}.
          </p>
          <ErrorMessage error={formError} title="Not verified." />
          <InputField id="phone-code" label={CODE_LABEL} inputMode="numeric" autoComplete="one-time-code" {...form.field("code")} />
          <div className="actions">
            <SubmitButton busy={busy} busyLabel="Checking…">
              Verify
            </SubmitButton>
          </div>
        </form>
      )}
    </div>
  );
}
