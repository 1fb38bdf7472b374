/** "Forms and waivers": where the person's signed copies are, and where a studio's forms to sign come from. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../../lib/paths.js";

export function FormsSection() {
  const { t } = useTranslation("account");
  return (
    <section aria-labelledby="forms-heading" className="card account-section">
      <h2 id="forms-heading">{t("forms.heading")}</h2>
      <p>{t("forms.text")}</p>
      <Link to={paths.myForms()}>{t("forms.link")}</Link>
    </section>
  );
}
