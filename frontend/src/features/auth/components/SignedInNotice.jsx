/** Shown instead of a login or register form to someone who is already signed in. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { inFacilitatorArea, paths } from "../../../lib/paths.js";
import { homePathFor } from "../destinations.js";

export function SignedInNotice({ user, next }) {
  const { t } = useTranslation("auth");
  const target = next ?? homePathFor(user);
  const label = target === paths.events ? t("signedIn.browseEvents") : inFacilitatorArea(target) ? t("signedIn.facilitatorArea") : t("signedIn.continue");
  return (
    <div className="card stack">
      <p>{t("signedIn.as", { name: user.name })}</p>
      <p>
        <Link to={target} className="button primary">
          {label}
        </Link>
      </p>
    </div>
  );
}
