/** Move a session or change its capacity, seats per booking, price, where it happens (and its video link), room options
 *  or how freed seats reach its waiting list; sends only what changed (the options as their whole list),
 *  shows each problem beside its field (a price can't change while someone is paying: 409 payments_pending). Times
 *  are on the event's clocks. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { browserZone, fromZonedInput, toZonedInput } from "../../../lib/format.js";
import { isTimeZone } from "../../../lib/time-zones.js";
import { useForm } from "../../../lib/use-form.js";
import { useUpdateSession } from "../api.js";
import { toMajorUnitsText } from "../../../lib/money.js";
import { checkCapacity, checkPrice, checkTimes, DEFAULT_CURRENCY, priceInMinorUnits } from "../form-rules.js";
import { paymentsPendingText, sessionSavedText } from "../wording.js";
import { Field } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { optionErrors, optionRows, optionsRequest } from "../room-options.js";
import { checkMode, MODE_FIELDS, modeChanges, modeValues } from "../session-place.js";
import { ModeFields } from "./ModeFields.jsx";
import { OptionRows } from "./OptionRows.jsx";
import { PriceFields } from "./PriceFields.jsx";
import { SaveNotice } from "./SaveNotice.jsx";
import { TimeLabel } from "./TimeZoneField.jsx";
import { WaitlistFields, WAITLIST_FIELDS, checkWaitlist, waitlistChanges, waitlistValues } from "./WaitlistFields.jsx";

const FIELDS = ["starts_at", "ends_at", "capacity", "price", "currency", "max_seats_per_booking", ...MODE_FIELDS, ...WAITLIST_FIELDS];
const MOST_SEATS = 50; // the API's bound on seats per booking
const DEFAULT_SEATS = 6;

/** "A whole number from 1 to 50." unless the text is one. */
function checkSeatsPerBooking(text, t) {
  const seats = Number(text);
  return /^\d+$/.test(text) && seats >= 1 && seats <= MOST_SEATS ? null : t("editSession.seatsRange", { max: MOST_SEATS });
}

const savedPrice = (session) => session.price ?? 0;
const savedCurrency = (session) => session.currency ?? DEFAULT_CURRENCY;

/** The form's values for a session: its times as they read in `timeZone`, its price in major units. */
const valuesOf = (session, timeZone) => ({
  starts_at: toZonedInput(session.starts_at, timeZone),
  ends_at: toZonedInput(session.ends_at, timeZone),
  capacity: String(session.capacity),
  price: toMajorUnitsText(savedPrice(session), savedCurrency(session)),
  currency: savedCurrency(session),
  max_seats_per_booking: String(session.max_seats_per_booking ?? DEFAULT_SEATS),
  options: optionRows(session),
  ...modeValues(session),
  ...waitlistValues(session),
});

/** The fields whose value differs from the session, in the API's form. */
function changedFields(values, session, timeZone) {
  const original = valuesOf(session, timeZone);
  const changes = {};
  if (values.starts_at !== original.starts_at) changes.starts_at = fromZonedInput(values.starts_at, timeZone);
  if (values.ends_at !== original.ends_at) changes.ends_at = fromZonedInput(values.ends_at, timeZone);
  if (values.capacity.trim() !== original.capacity) changes.capacity = Number(values.capacity);
  // Compared in minor units: "800" and "800.00" are the same price.
  if (!checkPrice(values.price, values.currency) && priceInMinorUnits(values.price, values.currency) !== savedPrice(session)) {
    changes.price = priceInMinorUnits(values.price, values.currency);
  }
  if (values.currency !== original.currency) changes.currency = values.currency;
  const seats = values.max_seats_per_booking.trim();
  if (seats !== original.max_seats_per_booking) changes.max_seats_per_booking = Number(seats);
  const options = optionsRequest(values.options, values.currency);
  if (JSON.stringify(options) !== JSON.stringify(optionsRequest(original.options, original.currency))) changes.options = options;
  return { ...changes, ...modeChanges(values, original), ...waitlistChanges(values, original) };
}

function clientErrors(values, changes, session, timeZone, t) {
  const movesTime = "starts_at" in changes || "ends_at" in changes;
  const errors = checkTimes(values.starts_at, values.ends_at, { requireFuture: movesTime, timeZone });
  const capacity = checkCapacity(values.capacity.trim(), session.seats_taken);
  if (capacity) errors.capacity = capacity;
  const price = checkPrice(values.price, values.currency);
  if (price) errors.price = price;
  const seats = checkSeatsPerBooking(values.max_seats_per_booking.trim(), t);
  if (seats) errors.max_seats_per_booking = seats;
  return { ...errors, ...checkMode(values), ...checkWaitlist(values), ...optionErrors(values.options, values.currency) };
}

/** timeZone: the event's (the viewer's when the event has none). */
export function EditSessionForm({ session, timeZone: eventZone }) {
  const { t } = useTranslation("programme");
  const timeZone = isTimeZone(eventZone) ? eventZone : browserZone();
  const [notice, setNotice] = useState(null); // {text, saved}: "Session updated." (and who is emailed) or "Nothing to save…"
  const update = useUpdateSession(session.id);
  const cancelled = session.status === "cancelled";
  const form = useForm({
    initialValues: () => valuesOf(session, timeZone),
    validate: (values) => clientErrors(values, changedFields(values, session, timeZone), session, timeZone, t),
    onSubmit: async (values) => {
      const changes = changedFields(values, session, timeZone);
      if (Object.keys(changes).length === 0) {
        setNotice({ text: t("shared.nothingToSave") });
        return;
      }
      const saved = await update.mutateAsync(changes);
      form.setValues(valuesOf(saved, timeZone));
      const moved = "starts_at" in changes || "ends_at" in changes;
      setNotice({ text: sessionSavedText(moved, saved?.seats_taken ?? session.seats_taken), saved: true });
    },
    onError: (error) => {
      if (error.status === 400) {
        form.showBadRequest(error, FIELDS);
      } else if (error.code === "capacity_below_bookings") {
        form.showErrors({ capacity: error.message });
      } else if (error.code === "payments_pending" && error.details?.option_id) {
        form.setFormError(error);
      } else if (error.code === "payments_pending") {
        form.showErrors({ price: paymentsPendingText() });
      } else {
        form.setFormError(error);
      }
    },
  });
  const { formRef, values, errors, formError, busy } = form;

  const setTo = (field, value) => {
    form.setValue(field, value);
    setNotice(null);
  };
  const set = (field) => (event) => setTo(field, event.target.value);
  const onSubmit = (event) => {
    setNotice(null);
    form.handleSubmit(event);
  };

  return (
    <section aria-labelledby="edit-session-heading" className="session-section">
      <h2 id="edit-session-heading">{t("editSession.heading")}</h2>
      {cancelled && <p className="muted">{t("editSession.cancelled")}</p>}
      <ErrorMessage error={formError} title={t("editSession.notSaved")} />
      <SaveNotice notice={notice} />
      <form ref={formRef} className="form" onSubmit={onSubmit} noValidate>
        {/* Not disabled while saving: that would take the focus away from the field or button in use. */}
        <fieldset className="plain-fieldset" disabled={cancelled}>
          <legend className="visually-hidden">{t("editSession.legend")}</legend>
          <div className="row">
            <Field id="session-starts-at" label={<TimeLabel text={t("shared.startsAt")} timeZone={timeZone} value={values.starts_at} />} error={errors.starts_at}>
              {(control) => <input {...control} type="datetime-local" value={values.starts_at} onChange={set("starts_at")} required />}
            </Field>
            <Field id="session-ends-at" label={<TimeLabel text={t("shared.endsAt")} timeZone={timeZone} value={values.ends_at} />} error={errors.ends_at}>
              {(control) => <input {...control} type="datetime-local" value={values.ends_at} onChange={set("ends_at")} required />}
            </Field>
          </div>
          <Field
            id="session-capacity"
            label={t("shared.capacity")}
            error={errors.capacity}
            hint={session.seats_taken > 0 ? t("editSession.capacityHint", { count: session.seats_taken }) : null}
          >
            {(control) => <input {...control} type="number" min={Math.max(1, session.seats_taken)} step={1} inputMode="numeric" value={values.capacity} onChange={set("capacity")} required />}
          </Field>
          <Field
            id="session-seats-per-booking"
            label={t("editSession.seatsPerBooking")}
            error={errors.max_seats_per_booking}
            hint={t("editSession.seatsHint")}
          >
            {(control) => <input {...control} type="number" min={1} max={MOST_SEATS} step={1} inputMode="numeric" value={values.max_seats_per_booking} onChange={set("max_seats_per_booking")} required />}
          </Field>
          <div className="row">
            <PriceFields idPrefix="session" price={values.price} currency={values.currency} onChange={setTo} errors={errors} />
          </div>
          <ModeFields idPrefix="session" values={values} onChange={setTo} errors={errors} />
          <OptionRows idPrefix="session" rows={values.options} currency={values.currency} onChange={(rows) => setTo("options", rows)} errors={errors} />
          <WaitlistFields values={values} onChange={setTo} errors={errors} />
          <div className="actions">
            <SubmitButton busy={busy} busyLabel={t("shared.saving")}>
              {t("shared.saveChanges")}
            </SubmitButton>
          </div>
        </fieldset>
      </form>
    </section>
  );
}
