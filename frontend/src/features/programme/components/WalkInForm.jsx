/** Booking someone at the door and checking them in at once, while check-in is open: found by email, or a new
 *  account they can claim with "Forgot your password". A paid session needs "Paid at the door" ticked. */
import { useState } from "react";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { useForm } from "../../../lib/use-form.js";
import { useWalkIn } from "../attendance-api.js";

const FIELDS = ["name", "email"];
const EMPTY = { name: "", email: "", paidAtDoor: false };

/** The server's refusals in the page's words (a pass's refusals and others keep the server's message). */
export const WALK_IN_REFUSALS = {
  session_full: "The session is full: there's no seat left for a walk-in.",
  already_booked: "This person already has a booking in this session: check them in on the check-in page.",
  payment_needed: "This session is paid: take the payment, then tick \"Paid at the door\".",
  not_a_person: "That email belongs to a staff account: use the person's own email.",
  checkin_not_open: "Check-in isn't open yet, so walk-ins can't be added.",
  checkin_closed: "Check-in has closed: the session is over.",
};

function checkWalkIn(values) {
  const errors = {};
  if (!values.name.trim()) errors.name = "Give their name.";
  if (!values.email.trim()) errors.email = "Give their email: their confirmation and check-in code go there.";
  else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email.trim())) errors.email = "This doesn't look like an email address.";
  return errors;
}

function doneText(person, answer) {
  const again = answer.result?.status === "already_checked_in";
  const said = again ? `${person.name} was already checked in.` : `${person.name} is booked and checked in.`;
  return answer.new_account ? `${said} A new account was made for ${person.email}; they can set its password with "Forgot your password".` : said;
}

/** paid: the session has a price (then "Paid at the door" is offered). */
export function WalkInForm({ sessionId, paid }) {
  const walkIn = useWalkIn(sessionId);
  const [done, setDone] = useState(null);
  const form = useForm({
    initialValues: EMPTY,
    validate: checkWalkIn,
    onSubmit: async (values) => {
      const person = { name: values.name.trim(), email: values.email.trim() };
      const answer = await walkIn.mutateAsync({ ...person, ...(paid ? { paid_at_door: values.paidAtDoor } : {}) });
      form.setValues(EMPTY);
      setDone(doneText(person, answer));
    },
    onError: (error) => {
      if (error.status === 400) form.showBadRequest(error, FIELDS);
      else form.setFormError(WALK_IN_REFUSALS[error.code] ? { message: WALK_IN_REFUSALS[error.code] } : error);
    },
  });
  const { formRef, formError, busy } = form;
  const submit = (event) => {
    setDone(null);
    form.handleSubmit(event);
  };
  return (
    <section aria-labelledby="walk-in-heading" className="walk-in">
      <h3 id="walk-in-heading">Add a walk-in</h3>
      <p className="muted small-text">Someone at the door without a booking: they're booked, checked in and emailed their confirmation.</p>
      <ErrorMessage error={formError} title="Not added." />
      <SuccessMessage>{done}</SuccessMessage>
      <form ref={formRef} className="form walk-in-form" onSubmit={submit} noValidate>
        <InputField id="walk-in-name" label="Name" type="text" autoComplete="off" maxLength={120} required {...form.field("name")} />
        <InputField id="walk-in-email" label="Email" type="email" autoComplete="off" maxLength={254} required {...form.field("email")} />
        {paid && (
          <div className="check-field">
            <input type="checkbox" id="walk-in-paid" checked={form.values.paidAtDoor} onChange={(event) => form.setValue("paidAtDoor", event.target.checked)} />
            <label htmlFor="walk-in-paid">Paid at the door (refunded in person if it comes to that)</label>
          </div>
        )}
        <div className="actions">
          <SubmitButton busy={busy} busyLabel="Adding…">
            Add and check in
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
