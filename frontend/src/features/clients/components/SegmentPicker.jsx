/** The studio's saved segments as one select in the client list's filters, each with how many clients it holds
 *  now ("Lapsed (12 clients)"); picking one applies {segment}, "All clients" clears it. For the whole book only
 *  (clients.view): the page leaves it out for an instructor. */
import { useId } from "react";
import { Field } from "../../../components/Field.jsx";
import { plural } from "../../../lib/format.js";
import { bookError } from "../errors.js";
import { useSegments } from "../segments-api.js";

/** The hint under the select: loading, none saved yet, or nothing. */
function statusHint(segments) {
  if (segments.isPending) return "Loading saved segments…";
  if (!segments.error && !segments.data.length) return "No saved segments yet.";
  return undefined;
}

/** The error beside the select, with a way to ask again. */
function loadError(segments) {
  const error = bookError(segments.error);
  return error ? `The segments could not be loaded. ${error.message}` : undefined;
}

/** value: the applied segment's id ("" for none); onPick(id) applies another ("" for all clients). */
export function SegmentPicker({ value, onPick }) {
  const id = useId();
  const segments = useSegments();
  const items = segments.data ?? [];
  const known = !value || items.some((segment) => String(segment.id) === value);
  return (
    <div className="segment-picker">
      <Field id={`${id}-segment`} label="Segment" hint={statusHint(segments)} error={loadError(segments)}>
        {(control) => (
          <select {...control} name="segment" value={value} onChange={(event) => onPick(event.target.value)}>
            <option value="">All clients</option>
            {items.map((segment) => (
              <option key={segment.id} value={String(segment.id)}>
                {`${segment.name} (${plural(segment.count, "client")})`}
              </option>
            ))}
            {!known && <option value={value}>{`Segment ${value}`}</option>}
          </select>
        )}
      </Field>
      {segments.error && (
        <button type="button" className="button-link" onClick={() => segments.refetch()}>
          Load the segments again
        </button>
      )}
    </div>
  );
}
