import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** Sets the tab title to "<title> · Sessions & Retreats" (the app's name in its language) while the page is shown. */
export function usePageTitle(title) {
  const { t } = useTranslation("common");
  const appName = t("layout.brand");
  useEffect(() => {
    document.title = title ? t("layout.pageTitle", { title, appName }) : appName;
  }, [title, appName, t]);
}
