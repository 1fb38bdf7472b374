/** A walk-in at the desk: someone without a booking, booked and checked in at once (POST .../walk-ins), while the
 *  class's check-in is open; someone new may give their name in another script too. A paid class needs "Paid at the
 *  door". */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { t as translate } from "../../../lib/i18n.js";
import { isPaid } from "../../../lib/money.js";
import { MAX_NAME } from "../../../lib/names.js";
import { useForm } from "../../../lib/use-form.js";
import { useDeskWalkIn } from "../api.js";
import { checkPerson, deskRefusal, newAccountText } from "../wording.js";

const EMPTY = { name: "", other_name: "", email: "", paidAtDoor: false };

function doneText(person, answer) {
  const again = answer.result?.status === "already_checked_in";
  const said = again ? translate("desk:walkIn.already", { name: person.name }) : translate("desk:walkIn.done", { name: person.name });
  return answer.new_account ? `${said} ${newAccountText(person.email)}` : said;
}

export function DeskWalkInForm({ session }) {
  const { t } = useTranslation("desk");
  const walkIn = useDeskWalkIn(session.id);
  const paid = isPaid(session);
  const [done, setDone] = useState(null);
  const id = `walk-in-${session.id}`;
  const form = useForm({
    initialValues: EMPTY,
    validate: (values) => {
      const errors = checkPerson(values);
      if (paid && !values.paidAtDoor) errors.paidAtDoor = t("walkIn.paidMissing");
      return errors;
    },
    onSubmit: async (values) => {
      const person = { name: values.name.trim(), email: values.email.trim() };
      const otherName = values.other_name.trim();
      const answer = await walkIn.mutateAsync({ ...person, ...(otherName ? { other_name: otherName } : {}), ...(paid ? { paid_at_door: true } : {}) });
      form.setValues(EMPTY);
      setDone(doneText(person, answer));
    },
    onError: (error) => (error.status === 400 ? form.showBadRequest(error, ["name", "other_name", "email"]) : form.setFormError(deskRefusal(error))),
  });
  const { formRef } = form;
  const submit = (event) => {
    setDone(null);
    form.handleSubmit(event);
  };
  return (
    <form ref={formRef} className="form desk-form" onSubmit={submit} noValidate aria-label={t("walkIn.formLabel", { title: session.event.title })}>
      <ErrorMessage error={form.formError} title={t("walkIn.notAdded")} />
      <SuccessMessage>{done}</SuccessMessage>
      <InputField id={`${id}-name`} label={t("person.name")} type="text" autoComplete="off" maxLength={MAX_NAME} {...form.field("name")} />
      <InputField id={`${id}-other-name`} label={t("person.otherName")} hint={t("person.otherNameHint")} type="text" autoComplete="off" maxLength={MAX_NAME} {...form.field("other_name")} />
      <InputField id={`${id}-email`} label={t("person.email")} type="email" autoComplete="off" maxLength={254} {...form.field("email")} />
      {paid && (
        <div className="check-field">
          <input type="checkbox" id={`${id}-paid`} checked={form.values.paidAtDoor} aria-invalid={form.errors.paidAtDoor ? "true" : undefined} onChange={(event) => form.setValue("paidAtDoor", event.target.checked)} />
          <label htmlFor={`${id}-paid`}>{t("walkIn.paidAtDoor")}</label>
          {form.errors.paidAtDoor && <p className="field-error">{form.errors.paidAtDoor}</p>}
        </div>
      )}
      <div className="actions">
        <SubmitButton busy={form.busy} busyLabel={t("walkIn.adding")}>
          {t("walkIn.submit")}
        </SubmitButton>
      </div>
    </form>
  );
}
