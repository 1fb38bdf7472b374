/** Booking a client into a class at the desk (POST .../desk/bookings), one seat or more (the others their guests):
 *  one of the studio's clients found by name, email or phone (their passes of this studio offered), or anyone by
 *  email; a paid class with their pass (picked from theirs, or by its number for a client booked by email) or paid
 *  at the door (cash, card terminal or UPI, at the price shown for every seat), a free class free. They are booked, not
 *  checked in: the check-in page does that. */
import { useState } from "react";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { Field, InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { formatMoney, isPaid, withTax } from "../../../lib/money.js";
import { useStudio } from "../../../lib/studio.jsx";
import { useForm } from "../../../lib/use-form.js";
import { useDeskBooking } from "../api.js";
import { checkPerson, deskRefusal, methodInSentence, newAccountText } from "../wording.js";
import { ClientPicker, passLine } from "./ClientPicker.jsx";
import { MethodField } from "./MethodField.jsx";

const DEFAULT_MOST_SEATS = 6; // the sessions' own default of max_seats_per_booking

const PAID_USES = [
  { value: "pass", label: "With their pass" },
  { value: "door", label: "Pay at the door" },
];

/** What a seat costs: the chosen room option's price, else the session's. */
function seatPrice(session, optionId) {
  const option = session.options?.find((one) => String(one.id) === optionId);
  return option ? option.price : session.price;
}

const mostSeats = (session) => session.max_seats_per_booking ?? DEFAULT_MOST_SEATS;

function checkBooking(values, session, client) {
  const errors = client ? {} : checkPerson(values, { nameOptional: true });
  if (session.options?.length && !values.option_id) errors.option_id = "Pick their room.";
  if (values.use === "pass" && !/^\d+$/.test(values.pass_id.trim())) errors.pass_id = client ? "Pick one of their passes." : "Give their pass's number (on their My passes page).";
  const seats = Number(values.seats);
  if (!Number.isInteger(seats) || seats < 1 || seats > mostSeats(session)) errors.seats = `From 1 to ${mostSeats(session)} seats.`;
  return errors;
}

/** The request body for the form's values: the price the desk showed goes with a payment at the door. */
function bookingBody(session, values, client) {
  const body = { session_id: session.id, ...(client ? { user_id: client.id } : { email: values.email.trim() }), use: values.use };
  if (!client && values.name.trim()) body.name = values.name.trim();
  if (Number(values.seats) > 1) body.seats = Number(values.seats);
  if (values.option_id) body.option_id = Number(values.option_id);
  if (values.use === "pass") body.pass_id = Number(values.pass_id.trim());
  if (values.use === "door") Object.assign(body, { method: values.method, amount: seatPrice(session, values.option_id) });
  return body;
}

function doneText(values, answer, session, client) {
  const who = client?.name ?? (values.name.trim() || values.email.trim());
  const seats = Number(values.seats) > 1 ? ` for ${values.seats} seats` : "";
  const payment = answer?.payment;
  const paid = payment?.amount ? ` Paid ${formatMoney(payment.amount, payment.currency)} by ${methodInSentence(payment.method)}.` : "";
  const said = `${who} is booked into ${session.event.title}${seats}.${paid}`;
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

/** The picked client's passes of this studio, one to pick. */
function TheirPasses({ id, client, form, timeZone }) {
  return (
    <fieldset className="desk-choice desk-passes" aria-invalid={form.errors.pass_id ? "true" : undefined}>
      <legend>Their pass</legend>
      {client.passes.map((pass) => (
        <label key={pass.id} htmlFor={`${id}-pass-${pass.id}`}>
          <input type="radio" id={`${id}-pass-${pass.id}`} name={`${id}-pass`} value={String(pass.id)} checked={form.values.pass_id === String(pass.id)} onChange={() => form.setValue("pass_id", String(pass.id))} />
          {passLine(pass, timeZone)}
        </label>
      ))}
      {form.errors.pass_id && <p className="field-error">{form.errors.pass_id}</p>}
    </fieldset>
  );
}

function HowTheyPay({ id, session, form, client }) {
  const taxAdded = useStudio().studio?.tax_added; // the tax the studio adds to its prices, taken at the door too
  const { values } = form;
  const seats = Number(values.seats) >= 1 ? Number(values.seats) : 1;
  if (!isPaid(session)) return <p className="muted small-text">A free class: nothing to pay.</p>;
  return (
    <>
      <fieldset className="desk-choice">
        <legend>How they pay</legend>
        {PAID_USES.filter((use) => use.value !== "pass" || !client || client.passes.length > 0).map((use) => (
          <label key={use.value} htmlFor={`${id}-${use.value}`}>
            <input type="radio" id={`${id}-${use.value}`} name={`${id}-use`} value={use.value} checked={values.use === use.value} onChange={() => form.setValue("use", use.value)} />
            {use.label}
          </label>
        ))}
      </fieldset>
      {client && !client.passes.length && <p className="muted small-text">{`${client.name} has no pass of the studio's good now: take payment at the door or sell them a pass.`}</p>}
      {values.use === "pass" && client?.passes.length > 0 && <TheirPasses id={id} client={client} form={form} timeZone={session.event.timezone} />}
      {values.use === "pass" && !client && <InputField id={`${id}-pass-number`} label="Pass number" inputMode="numeric" autoComplete="off" {...form.field("pass_id")} />}
      {values.use === "door" && (
        <>
          <MethodField idPrefix={id} value={values.method} onChange={(method) => form.setValue("method", method)} />
          <p className="desk-price">{`They pay ${formatMoney(withTax(seats * seatPrice(session, values.option_id), taxAdded), session.currency)}${taxAdded ? `, ${taxAdded.name} included` : ""}.`}</p>
        </>
      )}
    </>
  );
}

export function DeskBookingForm({ session }) {
  const book = useDeskBooking();
  const [done, setDone] = useState(null);
  const [client, setClient] = useState(null);
  const id = `book-${session.id}`;
  const empty = { name: "", email: "", use: isPaid(session) ? "pass" : "free", pass_id: "", option_id: "", method: "cash", seats: "1" };
  const form = useForm({
    initialValues: empty,
    validate: (values) => checkBooking(values, session, client),
    onSubmit: async (values) => {
      const answer = await book.mutateAsync(bookingBody(session, values, client));
      form.setValues(empty);
      setClient(null);
      setDone(doneText(values, answer, session, client));
    },
    onError: (error) => (error.status === 400 ? form.showBadRequest(error, ["name", "email", "pass_id", "option_id", "method", "seats"]) : form.setFormError(deskRefusal(error))),
  });
  const pick = (person) => {
    setClient(person);
    // Their only pass is the one to book with; with several, the desk picks; with none, a paid class is paid there.
    form.setValue("pass_id", person?.passes.length === 1 ? String(person.passes[0].id) : "");
    if (person && !person.passes.length && isPaid(session)) form.setValue("use", "door");
  };
  const submit = (event) => {
    setDone(null);
    form.handleSubmit(event);
  };
  const { formRef } = form;
  return (
    <form ref={formRef} className="form desk-form" onSubmit={submit} noValidate aria-label={`Book a client into ${session.event.title}`}>
      <ErrorMessage error={form.formError} title="Not booked." />
      <SuccessMessage>{done}</SuccessMessage>
      <ClientPicker id={id} client={client} onPick={pick} />
      {!client && (
        <>
          <InputField id={`${id}-email`} label="Email" hint="Or book by email: someone new gets an account." type="email" autoComplete="off" maxLength={254} {...form.field("email")} />
          <InputField id={`${id}-name`} label="Name (for a new client)" type="text" autoComplete="off" maxLength={200} {...form.field("name")} />
        </>
      )}
      <InputField id={`${id}-seats`} label="Seats" hint={`Theirs and their guests', up to ${mostSeats(session)}.`} type="number" inputMode="numeric" min={1} max={mostSeats(session)} {...form.field("seats")} />
      <Options id={id} session={session} form={form} />
      <HowTheyPay id={id} session={session} form={form} client={client} />
      <div className="actions">
        <SubmitButton busy={form.busy} busyLabel="Booking…">
          Book
        </SubmitButton>
      </div>
    </form>
  );
}
