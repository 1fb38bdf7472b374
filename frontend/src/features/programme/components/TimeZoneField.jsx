/** The time zone an event's sessions are entered and shown in: a list of every zone the browser knows. */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "../../../components/Field.jsx";
import { LongSelect } from "../../../components/LongSelect.jsx";
import { fromZonedInput, zoneLabel } from "../../../lib/format.js";
import { isTimeZone, timeZoneNames } from "../../../lib/time-zones.js";

/** "(Europe/Berlin, CET)" for a datetime-local input's label: the zone, and its short name at that time (or now). */
export function zoneNote(timeZone, value) {
  if (!isTimeZone(timeZone)) return "";
  const at = fromZonedInput(value, timeZone);
  return `(${zoneLabel(timeZone, at ? new Date(at).getTime() : Date.now())})`;
}

/** A datetime-local input's label with its zone: "Starts at (Europe/Berlin, CET)". */
export function TimeLabel({ text, timeZone, value }) {
  const note = zoneNote(timeZone, value);
  return (
    <>
      {text}
      {note && (
        <>
          {" "}
          <span className="zone-note">{note}</span>
        </>
      )}
    </>
  );
}

/** id, value (an IANA name), onChange(name), error, hint: as Field's. */
export function TimeZoneField({ id, value, onChange, error, hint }) {
  const { t } = useTranslation("programme");
  const choices = useMemo(() => {
    const names = timeZoneNames([value]);
    const listed = names.map((name) => ({ value: name, label: name.replaceAll("_", " ") }));
    if (names.includes(value)) return listed;
    return [{ value, label: value ? t("timeZone.unknown", { zone: value }) : t("timeZone.choose") }, ...listed];
  }, [value, t]);
  return (
    <Field id={id} label={t("timeZone.label")} error={error} hint={hint}>
      {(control) => <LongSelect control={control} value={value} choices={choices} onValue={onChange} required />}
    </Field>
  );
}
