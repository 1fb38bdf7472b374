/** Who the seats are for, in the booking and waiting-list dialogs: how many seats, then a name and an optional email
 *  for each guest. errors: {seats, guests: {"<index>": {name, email}}}, from the dialog's checks or the server. */
import { Field, InputField } from "../../../components/Field.jsx";
import { withGuest, withSeats } from "../party.js";

export function PartyFields({ idPrefix, party, most, errors, onChange }) {
  const guestErrors = errors?.guests ?? {};
  if (most <= 1) return null;
  const choices = Array.from({ length: most }, (_, index) => index + 1);
  return (
    <fieldset className="party-fields">
      <legend className="visually-hidden">Who is coming</legend>
      <Field id={`${idPrefix}-seats`} label="Seats" hint={`You and up to ${most - 1} more.`} error={errors?.seats}>
        {(control) => (
          <select {...control} value={party.seats} onChange={(event) => onChange(withSeats(party, Number(event.target.value)))}>
            {choices.map((seats) => (
              <option key={seats} value={seats}>
                {seats === 1 ? "1 (just me)" : seats}
              </option>
            ))}
          </select>
        )}
      </Field>
      {party.guests.length > 0 && <p className="field-hint">Each guest with an email gets their own confirmation, calendar entry and reminders. You manage the booking.</p>}
      {party.guests.map((guest, index) => {
        const number = index + 1;
        const set = (field) => (event) => onChange(withGuest(party, index, field, event.target.value));
        return (
          <div className="row party-guest" key={number}>
            <InputField id={`${idPrefix}-guest-${number}-name`} label={`Guest ${number} name`} value={guest.name} onChange={set("name")} autoComplete="off" maxLength={200} error={guestErrors[index]?.name} />
            <InputField id={`${idPrefix}-guest-${number}-email`} label={`Guest ${number} email`} type="email" value={guest.email} onChange={set("email")} autoComplete="off" maxLength={254} hint="Optional" error={guestErrors[index]?.email} />
          </div>
        );
      })}
    </fieldset>
  );
}
