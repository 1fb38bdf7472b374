/** Who the seats are for, in the booking and waiting-list dialogs: how many seats, then a name and an optional email
 *  for each guest. errors: {seats, guests: {"<index>": {name, email}}}, from the dialog's checks or the server;
 *  child: the name of the child whose seat the first is (null: the person's own). */
import { useTranslation } from "react-i18next";
import { Field, InputField } from "../../../components/Field.jsx";
import { withGuest, withSeats } from "../party.js";

export function PartyFields({ idPrefix, party, most, errors, onChange, child = null }) {
  const { t } = useTranslation("bookings");
  const guestErrors = errors?.guests ?? {};
  if (most <= 1) return null;
  const choices = Array.from({ length: most }, (_, index) => index + 1);
  return (
    <fieldset className="party-fields">
      <legend className="visually-hidden">{t("party.legend")}</legend>
      <Field id={`${idPrefix}-seats`} label={t("party.seats")} hint={child ? t("party.seatsHintFor", { name: child, more: most - 1 }) : t("party.seatsHint", { more: most - 1 })} error={errors?.seats}>
        {(control) => (
          <select {...control} value={party.seats} onChange={(event) => onChange(withSeats(party, Number(event.target.value)))}>
            {choices.map((seats) => (
              <option key={seats} value={seats}>
                {seats === 1 ? (child ? t("party.justChild", { name: child }) : t("party.justMe")) : seats}
              </option>
            ))}
          </select>
        )}
      </Field>
      {party.guests.length > 0 && <p className="field-hint">{t("party.guestsHint")}</p>}
      {party.guests.map((guest, index) => {
        const number = index + 1;
        const set = (field) => (event) => onChange(withGuest(party, index, field, event.target.value));
        return (
          <div className="row party-guest" key={number}>
            <InputField id={`${idPrefix}-guest-${number}-name`} label={t("party.guestName", { number })} value={guest.name} onChange={set("name")} autoComplete="off" maxLength={200} error={guestErrors[index]?.name} />
            <InputField id={`${idPrefix}-guest-${number}-email`} label={t("party.guestEmail", { number })} type="email" value={guest.email} onChange={set("email")} autoComplete="off" maxLength={254} hint={t("party.optional")} error={guestErrors[index]?.email} />
          </div>
        );
      })}
    </fieldset>
  );
}
