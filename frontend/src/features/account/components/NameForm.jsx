/** The account's names, changed together (PATCH /auth/me: name, other_name): the name, and the name in another script
 *  the studio finds the person by too (empty removes it: null). */
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { t as translate } from "../../../lib/i18n.js";
import { MAX_NAME } from "../../../lib/names.js";
import { useForm } from "../../../lib/use-form.js";
import { useUpdateAccount } from "../api.js";
import { namesSaved, nameSaved, otherNameRemoved, otherNameSaved } from "../wording.js";

const FIELDS = ["name", "other_name"];

export function validateNames({ name, other_name: otherName = "" }) {
  const tooLong = translate("account:details.nameTooLong", { max: MAX_NAME });
  const errors = {};
  if (!name.trim()) errors.name = translate("account:details.enterName");
  else if (name.trim().length > MAX_NAME) errors.name = tooLong;
  if (otherName.trim().length > MAX_NAME) errors.other_name = tooLong;
  return errors;
}

/** What differs from the account, to send: the names trimmed; an emptied other name is null (removed). */
export function namesChanges(account, { name, other_name: otherName }) {
  const changes = {};
  if (name.trim() !== account.name) changes.name = name.trim();
  if (otherName.trim() !== (account.other_name ?? "")) changes.other_name = otherName.trim() || null;
  return changes;
}

/** What the page says once the changes are saved. */
export function savedText(changes) {
  if (!("other_name" in changes)) return nameSaved();
  if ("name" in changes) return namesSaved();
  return changes.other_name === null ? otherNameRemoved() : otherNameSaved();
}

/** Save sends what changed; onDone(message) closes the form, with the saved message or null (nothing changed).
 *  focus: the field the form opens at ("name" or "other_name"). */
export function NameForm({ account, focus = "name", onDone }) {
  const { t } = useTranslation("account");
  const update = useUpdateAccount();
  const form = useForm({
    initialValues: { name: account.name ?? "", other_name: account.other_name ?? "" },
    validate: validateNames,
    onSubmit: async (values) => {
      const changes = namesChanges(account, values);
      if (!Object.keys(changes).length) {
        onDone(null);
        return;
      }
      await update.mutateAsync(changes);
      onDone(savedText(changes));
    },
    onError: (error) => {
      if (error.status === 400) {
        const { fields } = form.showServerErrors(error, FIELDS);
        if (Object.keys(fields).length) return;
      }
      form.setFormError(error);
    },
  });
  const { formRef, formError, busy } = form;
  return (
    <form ref={formRef} className="form name-form" onSubmit={form.handleSubmit} noValidate aria-label={t("details.changeYourName")}>
      <ErrorMessage error={formError} title={t("details.notChanged")} />
      <InputField id="account-name" label={t("details.name")} autoComplete="name" {...form.field("name")} maxLength={MAX_NAME} required autoFocus={focus === "name"} />
      <InputField
        id="account-other-name"
        label={t("details.otherNameField")}
        hint={t("details.otherNameHint")}
        autoComplete="off"
        {...form.field("other_name")}
        maxLength={MAX_NAME}
        autoFocus={focus === "other_name"}
      />
      <div className="actions">
        <SubmitButton busy={busy} busyLabel={t("form.saving")}>
          {t("details.saveName")}
        </SubmitButton>
        <button type="button" className="button secondary" onClick={() => !busy && onDone(null)} aria-disabled={busy || undefined}>
          {t("form.cancel")}
        </button>
      </div>
    </form>
  );
}
