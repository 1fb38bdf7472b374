/** Booking a client into a class at the desk (POST .../desk/bookings): with a pass of theirs, paid at the door (cash
 *  or card terminal, the amount taken) or free. They are booked, not checked in: the check-in page does that. */
import { useState } from "react";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { formatMoney, isPaid, parseMajorUnits, toMajorUnitsText } from "../../../lib/money.js";
import { useForm } from "../../../lib/use-form.js";
import { useDeskBooking } from "../api.js";
import { checkPerson, deskRefusal, newAccountText } from "../wording.js";
import { MethodField } from "./MethodField.jsx";

const USES = [
  { value: "pass", label: "With their pass" },
  { value: "door", label: "Pay at the door" },
  { value: "free", label: "Free" },
];

const AMOUNT_ERRORS = { format: "Give the amount in numbers, e.g. 800.", decimals: "Too many decimals for this currency.", negative: "The amount can't be negative." };

function checkBooking(values, currency) {
  const errors = checkPerson(values, { nameOptional: true });
  if (values.use === "door") {
    const { amount, error } = parseMajorUnits(values.amount, currency);
    if (error) errors.amount = AMOUNT_ERRORS[error];
    else if (!amount) errors.amount = "Give the amount taken.";
  }
  return errors;
}

/** The request body for the form's values. */
function bookingBody(session, values) {
  const body = { session_id: session.id, email: values.email.trim(), use: values.use };
  if (values.name.trim()) body.name = values.name.trim();
  if (values.use === "door") {
    body.method = values.method;
    body.amount = parseMajorUnits(values.amount, session.currency).amount;
  }
  return body;
}

function doneText(values, answer, session) {
  const who = values.name.trim() || values.email.trim();
  const paid = values.use === "door" ? ` Paid ${formatMoney(parseMajorUnits(values.amount, session.currency).amount, session.currency)} at the door.` : "";
  const said = `${who} is booked into ${session.event.title}.${paid}`;
  return answer?.new_account ? `${said} ${newAccountText(values.email.trim())}` : said;
}

export function DeskBookingForm({ session }) {
  const book = useDeskBooking();
  const [done, setDone] = useState(null);
  const id = `book-${session.id}`;
  const empty = { name: "", email: "", use: isPaid(session) ? "pass" : "free", method: "cash", amount: toMajorUnitsText(session.price, session.currency) };
  const form = useForm({
    initialValues: empty,
    validate: (values) => checkBooking(values, session.currency),
    onSubmit: async (values) => {
      const answer = await book.mutateAsync(bookingBody(session, values));
      form.setValues(empty);
      setDone(doneText(values, answer, session));
    },
    onError: (error) => (error.status === 400 ? form.showBadRequest(error, ["name", "email", "amount", "method"]) : form.setFormError(deskRefusal(error))),
  });
  const submit = (event) => {
    setDone(null);
    form.handleSubmit(event);
  };
  const { values, formRef } = form;
  return (
    <form ref={formRef} className="form desk-form" onSubmit={submit} noValidate aria-label={`Book a client into ${session.event.title}`}>
      <ErrorMessage error={form.formError} title="Not booked." />
      <SuccessMessage>{done}</SuccessMessage>
      <InputField id={`${id}-email`} label="Email" type="email" autoComplete="off" maxLength={254} {...form.field("email")} />
      <InputField id={`${id}-name`} label="Name (for a new client)" type="text" autoComplete="off" maxLength={200} {...form.field("name")} />
      <fieldset className="desk-choice">
        <legend>How they pay</legend>
        {USES.map((use) => (
          <label key={use.value} htmlFor={`${id}-${use.value}`}>
            <input type="radio" id={`${id}-${use.value}`} name={`${id}-use`} value={use.value} checked={values.use === use.value} onChange={() => form.setValue("use", use.value)} />
            {use.label}
          </label>
        ))}
      </fieldset>
      {values.use === "door" && (
        <div className="row">
          <MethodField idPrefix={id} value={values.method} onChange={(method) => form.setValue("method", method)} />
          <InputField id={`${id}-amount`} label={`Amount (${session.currency})`} inputMode="decimal" autoComplete="off" {...form.field("amount")} />
        </div>
      )}
      <div className="actions">
        <SubmitButton busy={form.busy} busyLabel="Booking…">
          Book
        </SubmitButton>
      </div>
    </form>
  );
}
