/** The account page's "Your details": name (which the person can change), email (read-only: it is the login and
 *  where emails go) and role. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { useForm } from "../../../lib/use-form.js";
import { t as translate } from "../../../lib/i18n.js";
import { useUpdateAccount } from "../api.js";
import { nameSaved } from "../wording.js";

const ROLE_NAMES = { user: "details.role.user", facilitator: "details.role.facilitator", admin: "details.role.admin" };
/** The API's longest name. */
export const MAX_NAME = 200;

export function validateName({ name }) {
  if (!name.trim()) return { name: translate("account:details.enterName") };
  if (name.trim().length > MAX_NAME) return { name: translate("account:details.nameTooLong", { max: MAX_NAME }) };
  return {};
}

/** The name's form: Save sends it (trimmed) when it changed; onDone(saved) closes the form. */
function NameForm({ account, onDone }) {
  const { t } = useTranslation("account");
  const update = useUpdateAccount();
  const form = useForm({
    initialValues: { name: account.name ?? "" },
    validate: validateName,
    onSubmit: async ({ name }) => {
      if (name.trim() === account.name) {
        onDone(false);
        return;
      }
      await update.mutateAsync({ name: name.trim() });
      onDone(true);
    },
    onError: (error) => {
      if (error.status === 400) {
        const { fields } = form.showServerErrors(error, ["name"]);
        if (Object.keys(fields).length) return;
      }
      form.setFormError(error);
    },
  });
  const { formRef, formError, busy } = form;
  return (
    <form ref={formRef} className="form name-form" onSubmit={form.handleSubmit} noValidate aria-label={t("details.changeYourName")}>
      <ErrorMessage error={formError} title={t("details.notChanged")} />
      <InputField
        id="account-name"
        label={t("details.name")}
        autoComplete="name"
        {...form.field("name")}
        maxLength={MAX_NAME}
        required
        autoFocus
      />
      <div className="actions">
        <SubmitButton busy={busy} busyLabel={t("form.saving")}>
          {t("details.saveName")}
        </SubmitButton>
        <button type="button" className="button secondary" onClick={() => !busy && onDone(false)} aria-disabled={busy || undefined}>
          {t("form.cancel")}
        </button>
      </div>
    </form>
  );
}

export function DetailsSection({ account }) {
  const { t } = useTranslation("account");
  const [editing, setEditing] = useState(false);
  // Each save shows the message anew (and moves the focus to it); 0: none.
  const [saved, setSaved] = useState(0);
  const savedRef = useFocusOnAppear(saved);
  // Closing the form unchanged puts the focus back on "Change name" (a new number each time).
  const [closed, setClosed] = useState(0);
  const changeRef = useFocusOnAppear(closed);

  const startEditing = () => {
    setSaved(0);
    setEditing(true);
  };
  const done = (changed) => {
    setEditing(false);
    if (changed) setSaved((count) => count + 1);
    else setClosed((count) => count + 1);
  };

  return (
    <section aria-labelledby="account-details-heading" className="card account-section">
      <h2 id="account-details-heading">{t("details.heading")}</h2>
      {saved > 0 && (
        <div ref={savedRef} tabIndex={-1} className="outcome">
          <SuccessMessage>{nameSaved()}</SuccessMessage>
        </div>
      )}
      <dl className="account-details">
        <dt>{t("details.name")}</dt>
        <dd>
          {account.name}
          {!editing && (
            <button ref={changeRef} type="button" className="button-link" onClick={startEditing}>
              {t("details.changeName")}
            </button>
          )}
        </dd>
        <dt>{t("details.email")}</dt>
        <dd>{account.email}</dd>
        <dt>{t("details.roleLabel")}</dt>
        <dd>{ROLE_NAMES[account.role] ? t(ROLE_NAMES[account.role]) : account.role}</dd>
      </dl>
      {editing && <NameForm account={account} onDone={done} />}
    </section>
  );
}
