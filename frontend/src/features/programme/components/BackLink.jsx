/** The way back to the programme's dashboard, at the top of each of its pages. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../../lib/paths.js";

export function BackLink() {
  const { t } = useTranslation("programme");
  return (
    <p className="back-link">
      <Link to={paths.facilitator}>← {t("backLink.label")}</Link>
    </p>
  );
}
