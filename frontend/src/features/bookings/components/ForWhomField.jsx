/** "Who is this seat for?" in the booking and waiting-list dialogs of a person with children on their account: the
 *  person or one child, each one seat of their own (its own check-in, forms and age rules). people: withoutSeat's. */
import { useTranslation } from "react-i18next";

export function ForWhomField({ idPrefix, people, chosen, onChange }) {
  const { t } = useTranslation("bookings");
  if (people.length < 2 && people[0]?.name == null) return null; // only the person: nothing to choose
  const name = `${idPrefix}-for`;
  return (
    <fieldset className="for-whom">
      <legend>{t("forWhom.legend")}</legend>
      {people.map((person) => (
        <label key={person.key} className="check">
          <input type="radio" name={name} checked={chosen === person.key} onChange={() => onChange(person.key)} /> {person.name ?? t("forWhom.me")}
        </label>
      ))}
    </fieldset>
  );
}
