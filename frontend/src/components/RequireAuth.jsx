/** Route guard: signed out → the right login page (coming back here after); wrong role → a clear message. */
import { useTranslation } from "react-i18next";
import { Link, Navigate, useLocation } from "react-router";
import { useAuth } from "../lib/auth.jsx";
import { paths } from "../lib/paths.js";

/** Why a staff account has no bookings, in its own role's words. */
const BOOKING_IS_FOR_USERS = {
  facilitator: "requireAuth.facilitatorCantBook",
  admin: "requireAuth.adminCantBook",
};

export function RequireAuth({ roles, children }) {
  const { t } = useTranslation("common");
  const { user } = useAuth();
  const location = useLocation();
  const staffArea = roles?.some((role) => role !== "user");
  if (!user) {
    return <Navigate to={staffArea ? paths.facilitatorLogin : paths.login} replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  if (roles && !roles.includes(user.role)) {
    return (
      <section className="page narrow">
        <h1>{t("requireAuth.notAvailable")}</h1>
        <p>{staffArea ? t("requireAuth.forFacilitators") : t(BOOKING_IS_FOR_USERS[user.role] ?? BOOKING_IS_FOR_USERS.facilitator)}</p>
        <p>
          <Link to={paths.events}>{t("notFound.browseEvents")}</Link>
        </p>
      </section>
    );
  }
  return children;
}
