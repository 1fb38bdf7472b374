/**
 * Email everyone with an active booking in a session (a subject and plain text), after a confirmation that says how
 * many people it goes to. Closed, with the reason, when nobody is booked or the session is cancelled or over.
 */
import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { Field, InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { useForm } from "../../../lib/use-form.js";
import { useMessageRegistrants } from "../api.js";
import { sessionState } from "../schedule.js";
import { messageLimitText, sendLabel, sentText } from "../wording.js";

export const SUBJECT_MAX = 200;
export const TEXT_MAX = 5000;
const FIELDS = ["subject", "text"];
const EMPTY = { subject: "", text: "" };

/** What the server says instead of sending, in the page's words (other refusals keep the server's message). */
const REFUSALS = {
  session_cancelled: "message.refusal.cancelled",
  session_finished: "message.refusal.finished",
  no_recipients: "message.refusal.noRecipients",
};

function checkMessage(values, t) {
  const errors = {};
  const subject = values.subject.trim();
  if (!subject) errors.subject = t("message.subjectMissing");
  else if (subject.length > SUBJECT_MAX) errors.subject = t("message.subjectMax", { max: SUBJECT_MAX });
  const text = values.text.trim();
  if (!text) errors.text = t("message.textMissing");
  else if (text.length > TEXT_MAX) errors.text = t("message.textMax", { max: TEXT_MAX.toLocaleString("en") });
  return errors;
}

/** Why the form is closed, or null when it is open. */
function closedReason(session, active, now, t) {
  const state = sessionState(session, now);
  if (state === "cancelled") return t("message.closed.cancelled");
  if (state === "past") return t("message.closed.over");
  if (!active) return t("message.closed.nobody");
  return null;
}

/** session: the session; active: its active bookings (the recipients); now: the instant "over" is judged at. */
export function MessageSection({ session, active, now }) {
  const { t } = useTranslation("programme");
  const [confirming, setConfirming] = useState(null); // the values to send, while the dialog asks
  const [sent, setSent] = useState(null);
  const send = useMessageRegistrants(session.id);
  const closed = closedReason(session, active, now, t);
  const form = useForm({ initialValues: EMPTY, validate: (values) => checkMessage(values, t), onSubmit: (values) => setConfirming(values) });
  const { formRef, values, errors, formError } = form;
  const subjectField = form.field("subject");

  const showRefusal = (error) => {
    if (error.status === 400) {
      form.showBadRequest(error, FIELDS);
    } else if (error.status === 429) {
      form.setFormError({ message: messageLimitText(error.retryAfter) });
    } else {
      form.setFormError(REFUSALS[error.code] ? { message: t(REFUSALS[error.code]) } : error);
    }
  };
  const confirm = () =>
    send.mutate(
      { subject: confirming.subject.trim(), text: confirming.text.trim() },
      {
        onSuccess: (answer) => {
          setConfirming(null);
          form.setValues(EMPTY);
          setSent(sentText(answer?.recipients ?? active));
        },
        onError: (error) => {
          setConfirming(null);
          showRefusal(error);
        },
      },
    );
  const change = (event) => {
    form.handleChange(event);
    setSent(null);
  };
  const onSubmit = (event) => {
    setSent(null);
    form.handleSubmit(event);
  };

  return (
    <section aria-labelledby="message-heading" className="session-section message-section">
      <h2 id="message-heading">{t("message.heading")}</h2>
      <p className="muted" id="message-who">
        {closed ?? t("message.intro")}
      </p>
      <ErrorMessage error={formError} title={t("message.failed")} />
      <SuccessMessage>{sent}</SuccessMessage>
      <form ref={formRef} className="form message-form" onSubmit={onSubmit} noValidate aria-describedby="message-who">
        <fieldset className="plain-fieldset" disabled={Boolean(closed)}>
          <legend className="visually-hidden">{t("message.legend")}</legend>
          <InputField id="message-subject" label={t("message.subject")} type="text" maxLength={SUBJECT_MAX} required {...subjectField} onChange={change} />
          <Field id="message-text" label={t("message.text")} error={errors.text} hint={t("message.textHint", { max: TEXT_MAX.toLocaleString("en") })}>
            {(control) => <textarea {...control} name="text" rows={6} value={values.text} onChange={change} maxLength={TEXT_MAX} required />}
          </Field>
          <div className="actions">
            <SubmitButton busy={send.isPending} busyLabel={t("message.sending")}>
              {sendLabel(active)}
            </SubmitButton>
          </div>
        </fieldset>
      </form>
      {confirming && (
        <ConfirmDialog
          title={t("message.confirmTitle")}
          confirmLabel={sendLabel(active)}
          cancelLabel={t("message.keepEditing")}
          busy={send.isPending}
          onConfirm={confirm}
          onCancel={() => setConfirming(null)}
        >
          <p>
            <Trans t={t} i18nKey="message.confirm" values={{ subject: confirming.subject.trim(), count: active }} components={{ strong: <strong /> }} />
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
