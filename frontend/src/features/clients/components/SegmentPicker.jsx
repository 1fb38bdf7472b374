/** The studio's saved segments as one select in the client list's filters, each with how many clients it holds
 *  now ("Lapsed (12 clients)"); picking one applies {segment}, "All clients" clears it. For the whole book only
 *  (clients.view): the page leaves it out for an instructor. */
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "../../../components/Field.jsx";
import { bookError } from "../errors.js";
import { useSegments } from "../segments-api.js";

/** The hint under the select: loading, none saved yet, or nothing. */
function statusHint(t, segments) {
  if (segments.isPending) return t("picker.loading");
  if (!segments.error && !segments.data.length) return t("picker.none");
  return undefined;
}

/** The error beside the select, with a way to ask again. */
function loadError(t, segments) {
  const error = bookError(segments.error);
  return error ? t("picker.loadFailed", { message: error.message }) : undefined;
}

/** value: the applied segment's id ("" for none); onPick(id) applies another ("" for all clients). */
export function SegmentPicker({ value, onPick }) {
  const { t } = useTranslation("clients");
  const id = useId();
  const segments = useSegments();
  const items = segments.data ?? [];
  const known = !value || items.some((segment) => String(segment.id) === value);
  return (
    <div className="segment-picker">
      <Field id={`${id}-segment`} label={t("picker.label")} hint={statusHint(t, segments)} error={loadError(t, segments)}>
        {(control) => (
          <select {...control} name="segment" value={value} onChange={(event) => onPick(event.target.value)}>
            <option value="">{t("picker.all")}</option>
            {items.map((segment) => (
              <option key={segment.id} value={String(segment.id)}>
                {t("picker.option", { name: segment.name, count: segment.count })}
              </option>
            ))}
            {!known && <option value={value}>{t("picker.unknown", { id: value })}</option>}
          </select>
        )}
      </Field>
      {segments.error && (
        <button type="button" className="button-link" onClick={() => segments.refetch()}>
          {t("picker.reload")}
        </button>
      )}
    </div>
  );
}
