/** The staff area's frame and guard (a layout route): signed out → the staff login, coming back here after; a person
 *  who is no studio's member and no facilitator → why not, and how to get in; else the StaffBar and the page. */
import { useTranslation } from "react-i18next";
import { Link, Navigate, useLocation } from "react-router";
import { useAuth } from "../lib/auth.jsx";
import { paths } from "../lib/paths.js";
import { roleName, useStudio } from "../lib/studio.jsx";
import { ErrorMessage, Loading } from "./Feedback.jsx";
import { PageOutlet } from "./PageOutlet.jsx";
import { StaffBar } from "./StaffBar.jsx";

function NotStaff() {
  const { t } = useTranslation("common");
  return (
    <section className="page narrow">
      <h1>{t("requireAuth.notAvailable")}</h1>
      <p>{t("staffArea.forStaff")}</p>
      <p className="actions">
        <Link to={paths.newStudio} className="button primary">
          {t("layout.createStudio")}
        </Link>
        <Link to={paths.events}>{t("notFound.browseEvents")}</Link>
      </p>
    </section>
  );
}

export function StaffArea() {
  const { t } = useTranslation("common");
  const { user } = useAuth();
  const { isLoading, error, hasStaffArea, refresh } = useStudio();
  const location = useLocation();
  if (!user) return <Navigate to={paths.facilitatorLogin} replace state={{ from: `${location.pathname}${location.search}` }} />;
  if (isLoading) {
    return (
      <section className="page">
        <Loading label={t("staffArea.loading")} />
      </section>
    );
  }
  if (!hasStaffArea) {
    if (!error) return <NotStaff />;
    return (
      <section className="page">
        <ErrorMessage error={error} title={t("staffArea.loadFailed")} onRetry={refresh} />
      </section>
    );
  }
  return (
    <>
      <StaffBar />
      <PageOutlet />
    </>
  );
}

/** A staff page for the roles with one of the permissions (a name or a list); others read why not. */
export function Permitted({ permission, children }) {
  const { t } = useTranslation("common");
  const { can, studio } = useStudio();
  const needed = Array.isArray(permission) ? permission : [permission];
  if (needed.some(can)) return children;
  return (
    <section className="page narrow">
      <h1>{t("staffArea.notYourRole")}</h1>
      <p>{studio ? t("staffArea.roleExcludes", { studio: studio.name, role: roleName(studio.my_role).toLowerCase() }) : t("staffArea.needsStudio")}</p>
      <p>
        <Link to={paths.facilitator}>{t("staffArea.back")}</Link>
      </p>
    </section>
  );
}
