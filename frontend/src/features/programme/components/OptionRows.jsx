/** A session's room options in its add and edit forms: a row each (name, price per person, places) with Remove, and
 *  "Add a room option". Bookings of a session with options name one; the session's capacity still caps them. */
import { Field } from "../../../components/Field.jsx";
import { newOptionRow } from "../room-options.js";

/** idPrefix: the fields' ids; rows: see room-options.js; onChange(rows); errors: {`options.<n>.<field>`: text}. */
export function OptionRows({ idPrefix, rows, currency, onChange, errors = {} }) {
  const change = (n, field) => (event) => onChange(rows.map((row, i) => (i === n ? { ...row, [field]: event.target.value } : row)));
  return (
    <fieldset className="plain-fieldset option-rows">
      <legend>Room options</legend>
      <p className="field-hint">Optional: people booking pick one, at its price. Each fills on its own, and the capacity above still counts everyone.</p>
      {rows.map((row, n) => {
        const label = (text) => `Option ${n + 1} ${text}`;
        const id = `${idPrefix}-option-${n}`;
        return (
          <div className="row" key={row.key}>
            <Field id={`${id}-name`} label={label("name")} error={errors[`options.${n}.name`]}>
              {(control) => <input {...control} type="text" maxLength={100} value={row.name} onChange={change(n, "name")} />}
            </Field>
            <Field id={`${id}-price`} label={label(`price (${currency})`)} error={errors[`options.${n}.price`]}>
              {(control) => <input {...control} type="text" inputMode="decimal" autoComplete="off" value={row.price} onChange={change(n, "price")} />}
            </Field>
            <Field id={`${id}-capacity`} label={label("places")} error={errors[`options.${n}.capacity`]}>
              {(control) => <input {...control} type="number" min={1} step={1} inputMode="numeric" value={row.capacity} onChange={change(n, "capacity")} />}
            </Field>
            <button type="button" className="button secondary small" onClick={() => onChange(rows.filter((_, i) => i !== n))} aria-label={`Remove option ${n + 1}`}>
              Remove
            </button>
          </div>
        );
      })}
      <button type="button" className="button secondary small" onClick={() => onChange([...rows, newOptionRow()])}>
        Add a room option
      </button>
    </fieldset>
  );
}
