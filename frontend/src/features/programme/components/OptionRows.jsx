/** A session's room options in its add and edit forms: a row each (name, price per person, places) with Remove, and
 *  "Add a room option". Bookings of a session with options name one; the session's capacity still caps them. */
import { useTranslation } from "react-i18next";
import { Field } from "../../../components/Field.jsx";
import { newOptionRow } from "../room-options.js";

/** idPrefix: the fields' ids; rows: see room-options.js; onChange(rows); errors: {`options.<n>.<field>`: text}. */
export function OptionRows({ idPrefix, rows, currency, onChange, errors = {} }) {
  const { t } = useTranslation("programme");
  const change = (n, field) => (event) => onChange(rows.map((row, i) => (i === n ? { ...row, [field]: event.target.value } : row)));
  return (
    <fieldset className="plain-fieldset option-rows">
      <legend>{t("options.legend")}</legend>
      <p className="field-hint">{t("options.hint")}</p>
      {rows.map((row, n) => {
        const number = n + 1;
        const id = `${idPrefix}-option-${n}`;
        return (
          <div className="row" key={row.key}>
            <Field id={`${id}-name`} label={t("options.name", { number })} error={errors[`options.${n}.name`]}>
              {(control) => <input {...control} type="text" maxLength={100} value={row.name} onChange={change(n, "name")} />}
            </Field>
            <Field id={`${id}-price`} label={t("options.price", { number, currency })} error={errors[`options.${n}.price`]}>
              {(control) => <input {...control} type="text" inputMode="decimal" autoComplete="off" value={row.price} onChange={change(n, "price")} />}
            </Field>
            <Field id={`${id}-capacity`} label={t("options.places", { number })} error={errors[`options.${n}.capacity`]}>
              {(control) => <input {...control} type="number" min={1} step={1} inputMode="numeric" value={row.capacity} onChange={change(n, "capacity")} />}
            </Field>
            <button type="button" className="button secondary small" onClick={() => onChange(rows.filter((_, i) => i !== n))} aria-label={t("options.removeLabel", { number })}>
              {t("options.remove")}
            </button>
          </div>
        );
      })}
      <button type="button" className="button secondary small" onClick={() => onChange([...rows, newOptionRow()])}>
        {t("options.add")}
      </button>
    </fieldset>
  );
}
