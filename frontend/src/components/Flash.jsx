/** A success message that takes focus when it appears, so keyboard users land next to it after a dialog closes
 *  or the button they used goes away. */
import { SuccessMessage } from "./Feedback.jsx";
import { useFocusOnAppear } from "../lib/use-focus-on-appear.js";

export function Flash({ message }) {
  const ref = useFocusOnAppear(message);
  if (!message) return null;
  return (
    <div ref={ref} tabIndex={-1} className="flash">
      <SuccessMessage>{message}</SuccessMessage>
    </div>
  );
}
