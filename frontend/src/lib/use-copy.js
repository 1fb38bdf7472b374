/** Copying a text to the clipboard and what to say after: "copied" for a while, or "manual" when the browser would not
 *  (an insecure page, a refused permission, an old browser), for the caller to select the text for copying by hand.
 *
 *   const { copy, status } = useCopy(text);   copy() → true once copied; status: null | "copied" | "manual"
 */
import { useEffect, useState } from "react";

/** How long "copied" stays said. */
const COPIED_FOR_MS = 5000;

export function useCopy(text) {
  // What the last copy said, for the text it copied: another text starts with nothing said.
  const [outcome, setOutcome] = useState(null);

  useEffect(() => {
    if (outcome?.status !== "copied") return undefined;
    const timer = setTimeout(() => setOutcome(null), COPIED_FOR_MS);
    return () => clearTimeout(timer);
  }, [outcome]);

  const copy = async () => {
    try {
      if (!navigator.clipboard?.writeText) throw new Error("no clipboard");
      await navigator.clipboard.writeText(text);
      setOutcome({ text, status: "copied" });
      return true;
    } catch {
      setOutcome({ text, status: "manual" });
      return false;
    }
  };
  return { copy, status: outcome?.text === text ? outcome.status : null };
}
