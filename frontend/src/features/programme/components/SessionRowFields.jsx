/**
 * One session of a new event: starts at, ends at, capacity, price and currency; labels carry the row number and the
 * event's zone ("Session 2 starts at (Europe/Berlin, CET)"), the times being read on that zone's clocks.
 */
import { Trans, useTranslation } from "react-i18next";
import { Field } from "../../../components/Field.jsx";
import { PriceFields } from "./PriceFields.jsx";
import { zoneNote } from "./TimeZoneField.jsx";

const FIELD_LABELS = {
  starts_at: "sessionRow.startsAt",
  ends_at: "sessionRow.endsAt",
  capacity: "sessionRow.capacity",
  price: "sessionRow.price",
  currency: "sessionRow.currency",
};

/** field: one of FIELD_LABELS's. */
function RowLabel({ number, field, note }) {
  const { t } = useTranslation("programme");
  return (
    <>
      <Trans t={t} i18nKey={FIELD_LABELS[field]} values={{ number }} components={{ hidden: <span className="visually-hidden" />, field: <span className="capitalize-first" /> }} />
      {note && (
        <>
          {" "}
          <span className="zone-note">{note}</span>
        </>
      )}
    </>
  );
}

export function SessionRowFields({ row, number, timeZone, errors, onChange, onRemove, firstInputRef }) {
  const { t } = useTranslation("programme");
  const id = (field) => `new-session-${row.key}-${field}`;
  const set = (field) => (event) => onChange(field, event.target.value);
  return (
    <fieldset className="session-row">
      <legend>{t("sessionRow.legend", { number })}</legend>
      <div className="row">
        <Field id={id("starts")} label={<RowLabel number={number} field="starts_at" note={zoneNote(timeZone, row.starts_at)} />} error={errors.starts_at}>
          {(control) => <input {...control} ref={firstInputRef} type="datetime-local" value={row.starts_at} onChange={set("starts_at")} required />}
        </Field>
        <Field id={id("ends")} label={<RowLabel number={number} field="ends_at" note={zoneNote(timeZone, row.ends_at || row.starts_at)} />} error={errors.ends_at}>
          {(control) => <input {...control} type="datetime-local" value={row.ends_at} onChange={set("ends_at")} required />}
        </Field>
        <Field id={id("capacity")} label={<RowLabel number={number} field="capacity" />} error={errors.capacity}>
          {(control) => <input {...control} type="number" min={1} step={1} inputMode="numeric" value={row.capacity} onChange={set("capacity")} required />}
        </Field>
        <PriceFields
          idPrefix={id("money")}
          price={row.price}
          currency={row.currency}
          onChange={onChange}
          errors={errors}
          label={(field) => <RowLabel number={number} field={field} />}
        />
      </div>
      {onRemove && (
        <button type="button" className="button secondary small" onClick={onRemove}>
          {t("sessionRow.remove", { number })}
        </button>
      )}
    </fieldset>
  );
}
