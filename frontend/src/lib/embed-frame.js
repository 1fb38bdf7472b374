/** A studio's widget seen from inside its frame (public/embed.js makes the frame on the studio's site): the frame
 *  tells its parent how tall it is, and takes its theme from ?theme= and later from the parent's messages. */
import { useEffect, useState } from "react";

/** The messages between the frame and public/embed.js (the same names there). */
export const HEIGHT_MESSAGE = "studio-embed:height";
export const THEME_MESSAGE = "studio-embed:theme";
export const THEMES = ["light", "dark"];

/** "dark" or "light" (the default, for anything else). */
export const themeOf = (value) => (THEMES.includes(value) ? value : "light");

/** True inside a frame: only then is there a parent to tell anything. */
const framed = () => window.parent !== window;

/** The page's height: its root's box, not the root's scrollHeight, which is never less than the frame's own height
 *  and so would never let the frame shrink when the content does. */
export const pageHeight = () => Math.ceil(document.documentElement.getBoundingClientRect().height);

/** While mounted in a frame: posts {type: HEIGHT_MESSAGE, height} to the parent now and whenever the page's size
 *  changes. To any origin ("*"): the parent is whichever studio site frames us, and a height is no secret. */
export function useReportHeight() {
  useEffect(() => {
    if (!framed()) return undefined;
    let last = null;
    const report = () => {
      const height = pageHeight();
      if (height === last) return;
      last = height;
      window.parent.postMessage({ type: HEIGHT_MESSAGE, height }, "*");
    };
    report();
    if (typeof ResizeObserver === "undefined") return undefined;
    const observer = new ResizeObserver(report);
    observer.observe(document.documentElement);
    return () => observer.disconnect();
  }, []);
}

/** The theme the page shows, from `initial` (its ?theme=) and then the parent's {type: THEME_MESSAGE, theme}
 *  messages (only the parent's: another frame on the page has no say), set as <html data-theme> while mounted. */
export function useFrameTheme(initial) {
  const [theme, setTheme] = useState(() => themeOf(initial));
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    return () => delete root.dataset.theme;
  }, [theme]);
  useEffect(() => {
    const onMessage = (event) => {
      if (!framed() || event.source !== window.parent) return;
      if (event.data?.type === THEME_MESSAGE && THEMES.includes(event.data.theme)) setTheme(event.data.theme);
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, []);
  return theme;
}
