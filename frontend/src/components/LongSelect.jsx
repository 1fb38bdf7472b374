/** A <select> over a long list (every time zone, every currency) that draws again only when its own props change. */
import { memo, useCallback, useLayoutEffect, useRef } from "react";

// Typing in any field of a form renders the form again; without this, every keystroke rebuilt and re-checked
// hundreds of <option>s per list (and a session row has two lists).
const Options = memo(function Options({ id, invalid, describedBy, value, choices, required, onPick }) {
  return (
    <select id={id} aria-invalid={invalid} aria-describedby={describedBy} value={value} required={required} onChange={onPick}>
      {choices.map(({ value: choice, label }) => (
        <option key={choice} value={choice}>
          {label}
        </option>
      ))}
    </select>
  );
});

/**
 * control: Field's wiring props; value: the chosen value; choices: [{value, label}] (keep the same array between
 * renders: useMemo or a module constant); onValue(value): called with the new value; required: as <select>'s.
 */
export function LongSelect({ control, value, choices, onValue, required = false }) {
  // The latest onValue, read when a choice is made: a caller's fresh callback each render does not redraw the list.
  const latest = useRef(onValue);
  useLayoutEffect(() => {
    latest.current = onValue;
  });
  const onPick = useCallback((event) => latest.current(event.target.value), []);
  return (
    <Options
      id={control.id}
      invalid={control["aria-invalid"]}
      describedBy={control["aria-describedby"]}
      value={value}
      choices={choices}
      required={required}
      onPick={onPick}
    />
  );
}
