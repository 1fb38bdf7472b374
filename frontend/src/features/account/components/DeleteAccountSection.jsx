/** The account page's "Your data" (a copy of all of it) and "Delete your account": what goes and what stays, then
 *  the password to confirm. Refusals (a seat still booked, a membership that renews, a studio's staff) say what to
 *  do first. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { InputField } from "../../../components/Field.jsx";
import { FormAlert } from "../../../components/FormAlert.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { paths } from "../../../lib/paths.js";
import { useCountdown } from "../../../lib/use-countdown.js";
import { useForm } from "../../../lib/use-form.js";
import { useDownloadMyData, useEraseAccount } from "../api.js";
import { whatGoes } from "../wording.js";

function EraseForm({ onCancel }) {
  const { t } = useTranslation("account");
  const erase = useEraseAccount();
  const navigate = useNavigate();
  const wait = useCountdown();
  const form = useForm({
    initialValues: { password: "" },
    validate: ({ password }) => (password ? {} : { password: t("delete.enterPassword") }),
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
    <form ref={formRef} className="form" onSubmit={form.handleSubmit} noValidate aria-label={t("delete.heading")}>
      <FormAlert waitSeconds={wait.remaining} tooMany={t("form.tooManyWrongPasswords")} error={formError} />
      <InputField id="erase-password" type="password" label={t("delete.yourPassword")} autoComplete="current-password" {...form.field("password")} required autoFocus />
      <div className="actions">
        <SubmitButton busy={busy} busyLabel={t("delete.deleting")} waitSeconds={wait.remaining} className="button danger">
          {t("delete.forGood")}
        </SubmitButton>
        <button type="button" className="button secondary" onClick={onCancel} disabled={busy}>
          {t("delete.keep")}
        </button>
      </div>
    </form>
  );
}

/** "Download my data": everything held about the person, here and in the studios' client books, as one JSON file. */
export function MyDataSection() {
  const { t } = useTranslation("account");
  const download = useDownloadMyData();
  return (
    <section aria-labelledby="account-data-heading" className="card account-section">
      <h2 id="account-data-heading">{t("myData.heading")}</h2>
      <p className="muted">{t("myData.explanation")}</p>
      <ErrorMessage error={download.error} title={t("myData.failed")} />
      <button type="button" className="button secondary" onClick={() => download.mutate()} disabled={download.isPending}>
        {download.isPending ? t("myData.preparing") : t("myData.download")}
      </button>
    </section>
  );
}

export function DeleteAccountSection() {
  const { t } = useTranslation("account");
  const [confirming, setConfirming] = useState(false);
  return (
    <section aria-labelledby="account-delete-heading" className="card account-section">
      <h2 id="account-delete-heading">{t("delete.heading")}</h2>
      <p className="muted">{whatGoes()}</p>
      {confirming ? (
        <EraseForm onCancel={() => setConfirming(false)} />
      ) : (
        <button type="button" className="button danger" onClick={() => setConfirming(true)}>
          {t("delete.start")}
        </button>
      )}
    </section>
  );
}
