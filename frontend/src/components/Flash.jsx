/** A success message that takes focus when it appears, so keyboard users land next to it after a dialog closes
 *  or the button they used goes away. */
import { useEffect, useRef } from "react";
import { SuccessMessage } from "./Feedback.jsx";

export function Flash({ message }) {
  const ref = useRef(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <div ref={ref} tabIndex={-1} className="flash">
      <SuccessMessage>{message}</SuccessMessage>
    </div>
  );
}
