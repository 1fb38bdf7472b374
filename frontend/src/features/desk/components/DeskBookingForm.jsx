/** Booking a client into a class at the desk (POST .../desk/bookings), one seat or more (the others their guests):
 *  one of the studio's clients found by name, email or phone (their passes of this studio offered), or anyone by
 *  email (someone new with their name, and their name in another script if they write it in two); a paid class with
 *  their pass (picked from theirs, or by its number for a client booked by email) or paid at the door (cash, card
 *  terminal or UPI, at the price shown for every seat), a free class free. They are booked, not checked in: the
 *  check-in page does that. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { Field, InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { t as translate } from "../../../lib/i18n.js";
import { formatMoney, isPaid, withTax } from "../../../lib/money.js";
import { MAX_NAME } from "../../../lib/names.js";
import { useStudio } from "../../../lib/studio.jsx";
import { useForm } from "../../../lib/use-form.js";
import { useDeskBooking } from "../api.js";
import { checkPerson, deskRefusal, newAccountText, paidText } from "../wording.js";
import { ClientPicker, passLine } from "./ClientPicker.jsx";
import { MethodField } from "./MethodField.jsx";

const DEFAULT_MOST_SEATS = 6; // the sessions' own default of max_seats_per_booking

const PAID_USES = [
  { value: "pass", label: "book.withPass" },
  { value: "door", label: "book.atDoor" },
];

/** What a seat costs: the chosen room option's price, else the session's. */
function seatPrice(session, optionId) {
  const option = session.options?.find((one) => String(one.id) === optionId);
  return option ? option.price : session.price;
}

const mostSeats = (session) => session.max_seats_per_booking ?? DEFAULT_MOST_SEATS;

function checkBooking(values, session, client) {
  const errors = client ? {} : checkPerson(values, { nameOptional: true });
  if (session.options?.length && !values.option_id) errors.option_id = translate("desk:book.pickRoom");
  if (values.use === "pass" && !/^\d+$/.test(values.pass_id.trim())) errors.pass_id = client ? translate("desk:book.pickPass") : translate("desk:book.passNumberMissing");
  const seats = Number(values.seats);
  if (!Number.isInteger(seats) || seats < 1 || seats > mostSeats(session)) errors.seats = translate("desk:book.seatsRange", { most: mostSeats(session) });
  return errors;
}

/** The request body for the form's values: the price the desk showed goes with a payment at the door. */
function bookingBody(session, values, client) {
  const body = { session_id: session.id, ...(client ? { user_id: client.id } : { email: values.email.trim() }), use: values.use };
  if (!client && values.name.trim()) body.name = values.name.trim();
  if (!client && values.other_name.trim()) body.other_name = values.other_name.trim();
  if (Number(values.seats) > 1) body.seats = Number(values.seats);
  if (values.option_id) body.option_id = Number(values.option_id);
  if (values.use === "pass") body.pass_id = Number(values.pass_id.trim());
  if (values.use === "door") Object.assign(body, { method: values.method, amount: seatPrice(session, values.option_id) });
  return body;
}

function doneText(values, answer, session, client) {
  const who = client?.name ?? (values.name.trim() || values.email.trim());
  const title = session.event.title;
  const booked = Number(values.seats) > 1 ? translate("desk:book.doneSeats", { who, title, seats: values.seats }) : translate("desk:book.done", { who, title });
  const sentences = [booked];
  const payment = answer?.payment;
  if (payment?.amount) sentences.push(paidText(formatMoney(payment.amount, payment.currency), payment.method));
  if (answer?.new_account) sentences.push(newAccountText(values.email.trim()));
  return sentences.join(" ");
}

function Options({ id, session, form }) {
  const { t } = useTranslation("desk");
  if (!session.options?.length) return null;
  return (
    <Field id={`${id}-option`} label={t("book.room")} error={form.errors.option_id}>
      {(control) => (
        <select {...control} name="option_id" value={form.values.option_id} onChange={form.handleChange}>
          <option value="">{t("book.chooseRoom")}</option>
          {session.options.map((option) => (
            <option key={option.id} value={String(option.id)} disabled={option.seats_left <= 0}>
              {t("book.roomOption", { name: option.name, price: formatMoney(option.price, session.currency) })}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** "They pay ₹1,600.00, GST included." */
const doorPrice = (t, price, taxAdded) => (taxAdded ? t("book.theyPayTax", { price, tax: taxAdded.name }) : t("book.theyPay", { price }));

/** The picked client's passes of this studio, one to pick. */
function TheirPasses({ id, client, form, timeZone }) {
  const { t } = useTranslation("desk");
  return (
    <fieldset className="desk-choice desk-passes" aria-invalid={form.errors.pass_id ? "true" : undefined}>
      <legend>{t("book.theirPass")}</legend>
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
  const { t } = useTranslation("desk");
  const taxAdded = useStudio().studio?.tax_added; // the tax the studio adds to its prices, taken at the door too
  const { values } = form;
  const seats = Number(values.seats) >= 1 ? Number(values.seats) : 1;
  if (!isPaid(session)) return <p className="muted small-text">{t("book.free")}</p>;
  return (
    <>
      <fieldset className="desk-choice">
        <legend>{t("book.howTheyPay")}</legend>
        {PAID_USES.filter((use) => use.value !== "pass" || !client || client.passes.length > 0).map((use) => (
          <label key={use.value} htmlFor={`${id}-${use.value}`}>
            <input type="radio" id={`${id}-${use.value}`} name={`${id}-use`} value={use.value} checked={values.use === use.value} onChange={() => form.setValue("use", use.value)} />
            {t(use.label)}
          </label>
        ))}
      </fieldset>
      {client && !client.passes.length && <p className="muted small-text">{t("book.noPass", { name: client.name })}</p>}
      {values.use === "pass" && client?.passes.length > 0 && <TheirPasses id={id} client={client} form={form} timeZone={session.event.timezone} />}
      {values.use === "pass" && !client && <InputField id={`${id}-pass-number`} label={t("book.passNumber")} inputMode="numeric" autoComplete="off" {...form.field("pass_id")} />}
      {values.use === "door" && (
        <>
          <MethodField idPrefix={id} value={values.method} onChange={(method) => form.setValue("method", method)} />
          <p className="desk-price">{doorPrice(t, formatMoney(withTax(seats * seatPrice(session, values.option_id), taxAdded), session.currency), taxAdded)}</p>
        </>
      )}
    </>
  );
}

export function DeskBookingForm({ session }) {
  const { t } = useTranslation("desk");
  const book = useDeskBooking();
  const [done, setDone] = useState(null);
  const [client, setClient] = useState(null);
  const id = `book-${session.id}`;
  const empty = { name: "", other_name: "", email: "", use: isPaid(session) ? "pass" : "free", pass_id: "", option_id: "", method: "cash", seats: "1" };
  const form = useForm({
    initialValues: empty,
    validate: (values) => checkBooking(values, session, client),
    onSubmit: async (values) => {
      const answer = await book.mutateAsync(bookingBody(session, values, client));
      form.setValues(empty);
      setClient(null);
      setDone(doneText(values, answer, session, client));
    },
    onError: (error) => (error.status === 400 ? form.showBadRequest(error, ["name", "other_name", "email", "pass_id", "option_id", "method", "seats"]) : form.setFormError(deskRefusal(error))),
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
    <form ref={formRef} className="form desk-form" onSubmit={submit} noValidate aria-label={t("book.formLabel", { title: session.event.title })}>
      <ErrorMessage error={form.formError} title={t("book.notBooked")} />
      <SuccessMessage>{done}</SuccessMessage>
      <ClientPicker id={id} client={client} onPick={pick} />
      {!client && (
        <>
          <InputField id={`${id}-email`} label={t("book.email")} hint={t("book.emailHint")} type="email" autoComplete="off" maxLength={254} {...form.field("email")} />
          <InputField id={`${id}-name`} label={t("book.name")} type="text" autoComplete="off" maxLength={MAX_NAME} {...form.field("name")} />
          <InputField id={`${id}-other-name`} label={t("book.otherName")} hint={t("person.otherNameHint")} type="text" autoComplete="off" maxLength={MAX_NAME} {...form.field("other_name")} />
        </>
      )}
      <InputField id={`${id}-seats`} label={t("book.seats")} hint={t("book.seatsHint", { most: mostSeats(session) })} type="number" inputMode="numeric" min={1} max={mostSeats(session)} {...form.field("seats")} />
      <Options id={id} session={session} form={form} />
      <HowTheyPay id={id} session={session} form={form} client={client} />
      <div className="actions">
        <SubmitButton busy={form.busy} busyLabel={t("book.booking")}>
          {t("book.submit")}
        </SubmitButton>
      </div>
    </form>
  );
}
