/** The account page's "Your data" (a copy of all of it) and "Delete your account": what goes and what stays, then
 *  the password to confirm. Refusals (a seat still booked, a membership that renews, a studio's staff) say what to
 *  do first. */
import { useState } from "react";
import { useNavigate } from "react-router";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { InputField } from "../../../components/Field.jsx";
import { FormAlert } from "../../../components/FormAlert.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { paths } from "../../../lib/paths.js";
import { useCountdown } from "../../../lib/use-countdown.js";
import { useForm } from "../../../lib/use-form.js";
import { useDownloadMyData, useEraseAccount } from "../api.js";

export const WHAT_GOES =
  "Your name, email, phone, billing details, answers and feedback comments are erased here and from the studios' client books, and the notes staff kept about you. Your bookings, passes and payments stay, anonymised, because the studios' accounts must. This cannot be undone.";

function EraseForm({ onCancel }) {
  const erase = useEraseAccount();
  const navigate = useNavigate();
  const wait = useCountdown();
  const form = useForm({
    initialValues: { password: "" },
    validate: ({ password }) => (password ? {} : { password: "Enter your password to confirm." }),
    onSubmit: async ({ password }) => {
      if (wait.remaining > 0) return;
      await erase.mutateAsync(password);
      navigate(paths.events, { replace: true });
    },
    onError: (error) => {
      if (error.status === 429 && error.retryAfter) return wait.start(error.retryAfter);
      if (error.status === 400 && form.showServerErrors(error, ["password"]).fields.password) return undefined;
      return form.setFormError(error.message);
    },
  });
  const { formRef, formError, busy } = form;
  return (
    <form ref={formRef} className="form" onSubmit={form.handleSubmit} noValidate aria-label="Delete your account">
      <FormAlert waitSeconds={wait.remaining} tooMany="Too many wrong passwords." error={formError} />
      <InputField id="erase-password" type="password" label="Your password" autoComplete="current-password" {...form.field("password")} required autoFocus />
      <div className="actions">
        <SubmitButton busy={busy} busyLabel="Deleting…" waitSeconds={wait.remaining} className="button danger">
          Delete my account for good
        </SubmitButton>
        <button type="button" className="button secondary" onClick={onCancel} disabled={busy}>
          Keep my account
        </button>
      </div>
    </form>
  );
}

/** "Download my data": everything held about the person, here and in the studios' client books, as one JSON file. */
export function MyDataSection() {
  const download = useDownloadMyData();
  return (
    <section aria-labelledby="account-data-heading" className="card account-section">
      <h2 id="account-data-heading">Your data</h2>
      <p className="muted">One file (JSON) with your account, bookings, guests, answers, passes, payments, invoices and feedback, and what the studios' client books hold about you, their notes included.</p>
      <ErrorMessage error={download.error} title="Your data could not be downloaded." />
      <button type="button" className="button secondary" onClick={() => download.mutate()} disabled={download.isPending}>
        {download.isPending ? "Preparing…" : "Download my data"}
      </button>
    </section>
  );
}

export function DeleteAccountSection() {
  const [confirming, setConfirming] = useState(false);
  return (
    <section aria-labelledby="account-delete-heading" className="card account-section">
      <h2 id="account-delete-heading">Delete your account</h2>
      <p className="muted">{WHAT_GOES}</p>
      {confirming ? (
        <EraseForm onCancel={() => setConfirming(false)} />
      ) : (
        <button type="button" className="button danger" onClick={() => setConfirming(true)}>
          Delete my account…
        </button>
      )}
    </section>
  );
}
