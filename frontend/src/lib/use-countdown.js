import { useCallback, useEffect, useState } from "react";
import { t } from "./i18n.js";

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

/** "1 second", "37 seconds", in the app's language. */
export const secondsText = (seconds) => t("common:countdown.seconds", { count: seconds });

/**
 * The whole seconds left until an ISO instant (0 once it has passed; null without one), ticking every second:
 * the time left on a held seat. It reads the clock on every tick, so a tab that slept catches up at once.
 */
export function useSecondsUntil(iso) {
  const until = iso ? new Date(iso).getTime() : Number.NaN;
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (Number.isNaN(until)) return undefined;
    const tick = () => {
      const time = Date.now();
      setNow(time);
      if (time >= until) clearInterval(timer);
    };
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [until]);

  return Number.isNaN(until) ? null : Math.max(0, Math.ceil((until - now) / 1000));
}
