/** The booking dialog's choice of a session's room options: one radio each, named with its price and what it has
 *  left ("Full" ones stay choosable: the dialog then offers that option's waiting list). Nothing for a session
 *  without options. */
import { useTranslation } from "react-i18next";
import { optionPriceText, optionsOf, placesLeftText } from "../room-options.js";

export function OptionPicker({ idPrefix, session, chosen, onChange, legend }) {
  const { t } = useTranslation("bookings");
  const options = optionsOf(session);
  if (!options.length) return null;
  const name = `${idPrefix}-option`;
  return (
    <fieldset className="payment-choice option-choice">
      <legend>{legend ?? t("options.room")}</legend>
      {options.map((option) => (
        <label key={option.id} className="payment-option">
          <input type="radio" name={name} value={option.id} checked={chosen === option.id} onChange={() => onChange(option.id)} />{" "}
          {t("options.namePrice", { name: option.name, price: optionPriceText(option, session.currency) })}{" "}
          <span className={option.seats_left > 0 ? "muted" : "option-full"}>({placesLeftText(option)})</span>
        </label>
      ))}
    </fieldset>
  );
}
