/** Booking a client into a class at the desk (POST .../desk/bookings): a paid class with their pass (its number, from
 *  their My passes page or the desk's sale) or paid at the door (cash or card terminal, at the price shown), a free
 *  class free. They are booked, not checked in: the check-in page does that. */
import { useState } from "react";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { Field, InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { formatMoney, isPaid } from "../../../lib/money.js";
import { useForm } from "../../../lib/use-form.js";
import { useDeskBooking } from "../api.js";
import { checkPerson, deskRefusal, methodName, newAccountText } from "../wording.js";
import { MethodField } from "./MethodField.jsx";

const PAID_USES = [
  { value: "pass", label: "With their pass" },
  { value: "door", label: "Pay at the door" },
];

/** What a seat costs: the chosen room option's price, else the session's. */
function seatPrice(session, optionId) {
  const option = session.options?.find((one) => String(one.id) === optionId);
  return option ? option.price : session.price;
}

function checkBooking(values, session) {
  const errors = checkPerson(values, { nameOptional: true });
  if (session.options?.length && !values.option_id) errors.option_id = "Pick their room.";
  if (values.use === "pass" && !/^\d+$/.test(values.pass_id.trim())) errors.pass_id = "Give their pass's number (on their My passes page).";
  return errors;
}

/** The request body for the form's values: the price the desk showed goes with a payment at the door. */
function bookingBody(session, values) {
  const body = { session_id: session.id, email: values.email.trim(), use: values.use };
  if (values.name.trim()) body.name = values.name.trim();
  if (values.option_id) body.option_id = Number(values.option_id);
  if (values.use === "pass") body.pass_id = Number(values.pass_id.trim());
  if (values.use === "door") Object.assign(body, { method: values.method, amount: seatPrice(session, values.option_id) });
  return body;
}

function doneText(values, answer, session) {
  const who = values.name.trim() || values.email.trim();
  const payment = answer?.payment;
  const paid = payment?.amount ? ` Paid ${formatMoney(payment.amount, payment.currency)} by ${methodName(payment.method).toLowerCase()}.` : "";
  const said = `${who} is booked into ${session.event.title}.${paid}`;
  return answer?.new_account ? `${said} ${newAccountText(values.email.trim())}` : said;
}

function Options({ id, session, form }) {
  if (!session.options?.length) return null;
  return (
    <Field id={`${id}-option`} label="Room" error={form.errors.option_id}>
      {(control) => (
        <select {...control} name="option_id" value={form.values.option_id} onChange={form.handleChange}>
          <option value="">Pick a room…</option>
          {session.options.map((option) => (
            <option key={option.id} value={String(option.id)} disabled={option.seats_left <= 0}>
              {option.name} ({formatMoney(option.price, session.currency)})
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function HowTheyPay({ id, session, form }) {
  const { values } = form;
  if (!isPaid(session)) return <p className="muted small-text">A free class: nothing to pay.</p>;
  return (
    <>
      <fieldset className="desk-choice">
        <legend>How they pay</legend>
        {PAID_USES.map((use) => (
          <label key={use.value} htmlFor={`${id}-${use.value}`}>
            <input type="radio" id={`${id}-${use.value}`} name={`${id}-use`} value={use.value} checked={values.use === use.value} onChange={() => form.setValue("use", use.value)} />
            {use.label}
          </label>
        ))}
      </fieldset>
      {values.use === "pass" && <InputField id={`${id}-pass-number`} label="Pass number" inputMode="numeric" autoComplete="off" {...form.field("pass_id")} />}
      {values.use === "door" && (
        <>
          <MethodField idPrefix={id} value={values.method} onChange={(method) => form.setValue("method", method)} />
          <p className="desk-price">{`They pay ${formatMoney(seatPrice(session, values.option_id), session.currency)}.`}</p>
        </>
      )}
    </>
  );
}

export function DeskBookingForm({ session }) {
  const book = useDeskBooking();
  const [done, setDone] = useState(null);
  const id = `book-${session.id}`;
  const empty = { name: "", email: "", use: isPaid(session) ? "pass" : "free", pass_id: "", option_id: "", method: "cash" };
  const form = useForm({
    initialValues: empty,
    validate: (values) => checkBooking(values, session),
    onSubmit: async (values) => {
      const answer = await book.mutateAsync(bookingBody(session, values));
      form.setValues(empty);
      setDone(doneText(values, answer, session));
    },
    onError: (error) => (error.status === 400 ? form.showBadRequest(error, ["name", "email", "pass_id", "option_id", "method"]) : form.setFormError(deskRefusal(error))),
  });
  const submit = (event) => {
    setDone(null);
    form.handleSubmit(event);
  };
  const { formRef } = form;
  return (
    <form ref={formRef} className="form desk-form" onSubmit={submit} noValidate aria-label={`Book a client into ${session.event.title}`}>
      <ErrorMessage error={form.formError} title="Not booked." />
      <SuccessMessage>{done}</SuccessMessage>
      <InputField id={`${id}-email`} label="Email" type="email" autoComplete="off" maxLength={254} {...form.field("email")} />
      <InputField id={`${id}-name`} label="Name (for a new client)" type="text" autoComplete="off" maxLength={200} {...form.field("name")} />
      <Options id={id} session={session} form={form} />
      <HowTheyPay id={id} session={session} form={form} />
      <div className="actions">
        <SubmitButton busy={form.busy} busyLabel="Booking…">
          Book
        </SubmitButton>
      </div>
    </form>
  );
}
