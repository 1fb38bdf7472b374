import { useCallback, useEffect, useState } from "react";

/**
 * A countdown in whole seconds, e.g. for a 429's Retry-After: start(seconds) begins it; remaining is what is left
 * (0 when none runs). It reads the clock on every tick, so a slow tab never shows more than is left.
 */
export function useCountdown() {
  const [until, setUntil] = useState(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (until === null) return undefined;
    const timer = setInterval(() => {
      const time = Date.now();
      setNow(time);
      if (time >= until) setUntil(null);
    }, 250);
    return () => clearInterval(timer);
  }, [until]);

  const start = useCallback((seconds) => {
    const time = Date.now();
    setNow(time);
    setUntil(time + seconds * 1000);
  }, []);

  return { remaining: until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000)), start };
}

/** "1 second", "37 seconds". */
export const secondsText = (seconds) => `${seconds} second${seconds === 1 ? "" : "s"}`;
