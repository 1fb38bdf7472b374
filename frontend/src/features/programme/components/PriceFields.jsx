/** A session's or a pass's price, typed in major units ("800", "45000.50"; blank or 0: free), and its currency; the hint shows how
 *  the price will read. */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "../../../components/Field.jsx";
import { LongSelect } from "../../../components/LongSelect.jsx";
import { formatMoney } from "../../../lib/money.js";
import { checkPrice, CURRENCIES, priceInMinorUnits } from "../form-rules.js";

const FREE = { session: "priceFields.free.session", pass: "priceFields.free.pass" };
const LABELS = { price: "priceFields.price", currency: "priceFields.currency" };

/** "Shown as ₹45,000.50." while the price typed is valid; otherwise what blank means for the thing priced. */
function priceHint(price, currency, priced, t) {
  if (checkPrice(price, currency)) return null;
  const amount = priceInMinorUnits(price, currency);
  return amount > 0 ? t("priceFields.shownAs", { price: formatMoney(amount, currency) }) : t(FREE[priced] ?? FREE.session);
}

/**
 * idPrefix: the fields' ids (`${idPrefix}-price`, `${idPrefix}-currency`); price, currency: the values; onChange(field,
 * value); errors: {price, currency}; label(field): the label of the field "price" or "currency" (the new event's rows
 * add the row number);
 * priced: what the price is of, as the hint names it ("session", "pass").
 */
export function PriceFields({ idPrefix, price, currency, onChange, errors = {}, label, priced = "session" }) {
  const { t } = useTranslation("programme");
  const labelOf = label ?? ((field) => t(LABELS[field]));
  const [priceLabel, currencyLabel] = [labelOf("price"), labelOf("currency")];
  // A currency the API has but the list hasn't (set elsewhere) stays choosable.
  const currencies = useMemo(() => (CURRENCIES.includes(currency) ? CURRENCIES : [currency, ...CURRENCIES]).map((code) => ({ value: code, label: code })), [currency]);
  return (
    <>
      <Field id={`${idPrefix}-price`} label={priceLabel} error={errors.price} hint={priceHint(price, currency, priced, t)}>
        {(control) => <input {...control} type="text" inputMode="decimal" autoComplete="off" value={price} onChange={(event) => onChange("price", event.target.value)} />}
      </Field>
      <Field id={`${idPrefix}-currency`} label={currencyLabel} error={errors.currency}>
        {(control) => <LongSelect control={control} value={currency} choices={currencies} onValue={(code) => onChange("currency", code)} />}
      </Field>
    </>
  );
}
