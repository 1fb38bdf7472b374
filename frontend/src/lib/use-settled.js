import { useEffect, useState } from "react";

/** `value`, once it has stayed the same for `ms`: what a search field asks the server for while someone types. */
export function useSettled(value, ms) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
