/**
 * Email everyone with an active booking in a session (a subject and plain text), after a confirmation that says how
 * many people it goes to. Closed, with the reason, when nobody is booked or the session is cancelled or over.
 */
import { useState } from "react";
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
  session_cancelled: "This session has been cancelled, so its registrants can no longer be messaged.",
  session_finished: "This session is over, so its registrants can no longer be messaged.",
  no_recipients: "Nobody is booked in this session any more, so there is no one to message.",
};

function checkMessage(values) {
  const errors = {};
  const subject = values.subject.trim();
  if (!subject) errors.subject = "Give the message a subject.";
  else if (subject.length > SUBJECT_MAX) errors.subject = `The subject can be at most ${SUBJECT_MAX} characters.`;
  const text = values.text.trim();
  if (!text) errors.text = "Write the message.";
  else if (text.length > TEXT_MAX) errors.text = `The message can be at most ${TEXT_MAX.toLocaleString("en")} characters.`;
  return errors;
}

/** Why the form is closed, or null when it is open. */
function closedReason(session, active, now) {
  const state = sessionState(session, now);
  if (state === "cancelled") return "This session is cancelled, so there is no one to message.";
  if (state === "past") return "This session is over, so its registrants can no longer be messaged.";
  if (!active) return "Nobody is booked in this session yet, so there is no one to message.";
  return null;
}

/** session: the session; active: its active bookings (the recipients); now: the instant "over" is judged at. */
export function MessageSection({ session, active, now }) {
  const [confirming, setConfirming] = useState(null); // the values to send, while the dialog asks
  const [sent, setSent] = useState(null);
  const send = useMessageRegistrants(session.id);
  const closed = closedReason(session, active, now);
  const form = useForm({ initialValues: EMPTY, validate: checkMessage, onSubmit: (values) => setConfirming(values) });
  const { formRef, values, errors, formError } = form;

  const showRefusal = (error) => {
    if (error.status === 400) {
      form.showBadRequest(error, FIELDS);
    } else if (error.status === 429) {
      form.setFormError({ message: messageLimitText(error.retryAfter) });
    } else {
      form.setFormError(REFUSALS[error.code] ? { message: REFUSALS[error.code] } : error);
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
      <h2 id="message-heading">Message registrants</h2>
      <p className="muted" id="message-who">
        {closed ?? "An email to everyone with an active booking in this session, in your name; their replies come to your email address. People on the waiting list don't get it."}
      </p>
      <ErrorMessage error={formError} title="The message was not sent." />
      <SuccessMessage>{sent}</SuccessMessage>
      <form ref={formRef} className="form message-form" onSubmit={onSubmit} noValidate aria-describedby="message-who">
        <fieldset className="plain-fieldset" disabled={Boolean(closed)}>
          <legend className="visually-hidden">Message to the registrants</legend>
          <InputField id="message-subject" label="Subject" type="text" maxLength={SUBJECT_MAX} required {...form.field("subject")} onChange={change} />
          <Field id="message-text" label="Message" error={errors.text} hint={`Plain text, up to ${TEXT_MAX.toLocaleString("en")} characters.`}>
            {(control) => <textarea {...control} name="text" rows={6} value={values.text} onChange={change} maxLength={TEXT_MAX} required />}
          </Field>
          <div className="actions">
            <SubmitButton busy={send.isPending} busyLabel="Sending…">
              {sendLabel(active)}
            </SubmitButton>
          </div>
        </fieldset>
      </form>
      {confirming && (
        <ConfirmDialog
          title="Send this message?"
          confirmLabel={sendLabel(active)}
          cancelLabel="Keep editing"
          busy={send.isPending}
          onConfirm={confirm}
          onCancel={() => setConfirming(null)}
        >
          <p>
            <strong>{confirming.subject.trim()}</strong> will be emailed to {active === 1 ? "the 1 person" : `the ${active} people`} booked in this session. It
            can't be taken back once sent.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
