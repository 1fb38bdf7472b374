import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePageTitle } from "../lib/use-page-title.js";
import { paths } from "../lib/paths.js";

export function NotFoundPage() {
  const { t } = useTranslation("common");
  usePageTitle(t("notFound.title"));
  return (
    <section className="page narrow">
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.nothingHere")}</p>
      <p>
        <Link to={paths.events}>{t("notFound.browseEvents")}</Link>
      </p>
    </section>
  );
}
