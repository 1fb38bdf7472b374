/** Booking someone at the door and checking them in at once, while check-in is open: found by email, or a new
 *  account (with their name in another script, if they give one) they can claim with "Forgot your password". A paid
 *  session needs "Paid at the door" ticked. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { t as translate } from "../../../lib/i18n.js";
import { MAX_NAME } from "../../../lib/names.js";
import { useForm } from "../../../lib/use-form.js";
import { useWalkIn } from "../attendance-api.js";

const FIELDS = ["name", "other_name", "email"];
const EMPTY = { name: "", other_name: "", email: "", paidAtDoor: false };

/** The server's refusals in the page's words (a pass's refusals and others keep the server's message). */
const WALK_IN_REFUSALS = {
  session_full: "programme:walkIn.refusal.sessionFull",
  already_booked: "programme:walkIn.refusal.alreadyBooked",
  payment_needed: "programme:walkIn.refusal.paymentNeeded",
  not_a_person: "programme:walkIn.refusal.notAPerson",
  checkin_not_open: "programme:walkIn.refusal.notOpen",
  checkin_closed: "programme:walkIn.refusal.closed",
};

/** A refusal's text in the page's words, or null for a code the page leaves to the server. */
export const walkInRefusal = (code) => (WALK_IN_REFUSALS[code] ? translate(WALK_IN_REFUSALS[code]) : null);

function checkWalkIn(values, t) {
  const errors = {};
  if (!values.name.trim()) errors.name = t("walkIn.nameMissing");
  if (!values.email.trim()) errors.email = t("walkIn.emailMissing");
  else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email.trim())) errors.email = t("walkIn.emailInvalid");
  return errors;
}

function doneText(person, answer, t) {
  const again = answer.result?.status === "already_checked_in";
  const values = { name: person.name, email: person.email };
  if (answer.new_account) return again ? t("walkIn.doneAgainNewAccount", values) : t("walkIn.doneNewAccount", values);
  return again ? t("walkIn.doneAgain", values) : t("walkIn.done", values);
}

/** paid: the session has a price (then "Paid at the door" is offered). */
export function WalkInForm({ sessionId, paid }) {
  const { t } = useTranslation("programme");
  const walkIn = useWalkIn(sessionId);
  const [done, setDone] = useState(null);
  const form = useForm({
    initialValues: EMPTY,
    validate: (values) => checkWalkIn(values, t),
    onSubmit: async (values) => {
      const person = { name: values.name.trim(), email: values.email.trim() };
      const otherName = values.other_name.trim();
      const answer = await walkIn.mutateAsync({ ...person, ...(otherName ? { other_name: otherName } : {}), ...(paid ? { paid_at_door: values.paidAtDoor } : {}) });
      form.setValues(EMPTY);
      setDone(doneText(person, answer, t));
    },
    onError: (error) => {
      if (error.status === 400) form.showBadRequest(error, FIELDS);
      else form.setFormError(walkInRefusal(error.code) ? { message: walkInRefusal(error.code) } : error);
    },
  });
  const { formRef, formError, busy } = form;
  const [nameField, otherNameField, emailField] = [form.field("name"), form.field("other_name"), form.field("email")];
  const submit = (event) => {
    setDone(null);
    form.handleSubmit(event);
  };
  return (
    <section aria-labelledby="walk-in-heading" className="walk-in">
      <h3 id="walk-in-heading">{t("walkIn.heading")}</h3>
      <p className="muted small-text">{t("walkIn.intro")}</p>
      <ErrorMessage error={formError} title={t("walkIn.notAdded")} />
      <SuccessMessage>{done}</SuccessMessage>
      <form ref={formRef} className="form walk-in-form" onSubmit={submit} noValidate>
        <InputField id="walk-in-name" label={t("walkIn.name")} type="text" autoComplete="off" maxLength={120} required {...nameField} />
        <InputField id="walk-in-other-name" label={t("walkIn.otherName")} hint={t("walkIn.otherNameHint")} type="text" autoComplete="off" maxLength={MAX_NAME} {...otherNameField} />
        <InputField id="walk-in-email" label={t("walkIn.email")} type="email" autoComplete="off" maxLength={254} required {...emailField} />
        {paid && (
          <div className="check-field">
            <input type="checkbox" id="walk-in-paid" checked={form.values.paidAtDoor} onChange={(event) => form.setValue("paidAtDoor", event.target.checked)} />
            <label htmlFor="walk-in-paid">{t("walkIn.paidAtDoor")}</label>
          </div>
        )}
        <div className="actions">
          <SubmitButton busy={busy} busyLabel={t("walkIn.adding")}>
            {t("walkIn.submit")}
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
