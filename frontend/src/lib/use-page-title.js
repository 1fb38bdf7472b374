import { useEffect } from "react";

export const APP_NAME = "Sessions & Retreats";

/** Sets the tab title to "<title> · Sessions & Retreats" while the page is shown. */
export function usePageTitle(title) {
  useEffect(() => {
    document.title = title ? `${title} · ${APP_NAME}` : APP_NAME;
  }, [title]);
}
