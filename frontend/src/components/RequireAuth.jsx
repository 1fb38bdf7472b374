/** Route guard: signed out → the right login page (coming back here after); wrong role → a clear message. */
import { Link, Navigate, useLocation } from "react-router";
import { useAuth } from "../lib/auth.jsx";
import { paths } from "../lib/paths.js";

/** Why a staff account has no bookings, in its own role's words. */
const BOOKING_IS_FOR_USERS = {
  facilitator: "Booking needs a user account: facilitators run sessions, they don't book them.",
  admin: "Booking needs a user account: an admin account looks after the platform, it doesn't book sessions. Log in with a user account to book.",
};

export function RequireAuth({ roles, children }) {
  const { user } = useAuth();
  const location = useLocation();
  const staffArea = roles?.some((role) => role !== "user");
  if (!user) {
    return <Navigate to={staffArea ? paths.facilitatorLogin : paths.login} replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  if (roles && !roles.includes(user.role)) {
    return (
      <section className="page narrow">
        <h1>Not available for this account</h1>
        <p>
          {staffArea
            ? "This area is for facilitators. Log in with a facilitator account to use it."
            : BOOKING_IS_FOR_USERS[user.role] ?? BOOKING_IS_FOR_USERS.facilitator}
        </p>
        <p>
          <Link to={paths.events}>Browse events</Link>
        </p>
      </section>
    );
  }
  return children;
}
