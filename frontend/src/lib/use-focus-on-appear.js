import { useEffect, useRef } from "react";

/** A ref that takes focus whenever value becomes truthy or changes: after a dialog closes or the button used goes
 *  away, keyboard users continue from the message it left. */
export function useFocusOnAppear(value) {
  const ref = useRef(null);
  useEffect(() => {
    if (value) ref.current?.focus();
  }, [value]);
  return ref;
}
