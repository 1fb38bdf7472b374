/** The staff area's frame and guard (a layout route): signed out → the staff login, coming back here after; a person
 *  who is no studio's member and no facilitator → why not, and how to get in; else the StaffBar and the page. */
import { Link, Navigate, useLocation } from "react-router";
import { useAuth } from "../lib/auth.jsx";
import { paths } from "../lib/paths.js";
import { roleName, useStudio } from "../lib/studio.jsx";
import { ErrorMessage, Loading } from "./Feedback.jsx";
import { PageOutlet } from "./PageOutlet.jsx";
import { StaffBar } from "./StaffBar.jsx";

function NotStaff() {
  return (
    <section className="page narrow">
      <h1>Not available for this account</h1>
      <p>This area is for the staff of a studio. Accept an invitation from a studio, log in with a facilitator account, or make a studio of your own.</p>
      <p className="actions">
        <Link to={paths.newStudio} className="button primary">
          Create a studio
        </Link>
        <Link to={paths.events}>Browse events</Link>
      </p>
    </section>
  );
}

export function StaffArea() {
  const { user } = useAuth();
  const { isLoading, error, hasStaffArea, refresh } = useStudio();
  const location = useLocation();
  if (!user) return <Navigate to={paths.facilitatorLogin} replace state={{ from: `${location.pathname}${location.search}` }} />;
  if (isLoading) {
    return (
      <section className="page">
        <Loading label="Loading your studios…" />
      </section>
    );
  }
  if (!hasStaffArea) {
    if (!error) return <NotStaff />;
    return (
      <section className="page">
        <ErrorMessage error={error} title="Your studios could not be loaded." onRetry={refresh} />
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
  const { can, studio } = useStudio();
  const needed = Array.isArray(permission) ? permission : [permission];
  if (needed.some(can)) return children;
  return (
    <section className="page narrow">
      <h1>Not part of your role</h1>
      <p>
        {studio
          ? `Your role at ${studio.name} (${roleName(studio.my_role).toLowerCase()}) doesn't include this page. An owner of the studio can change your role.`
          : "This page belongs to a studio: it needs a studio you are a member of."}
      </p>
      <p>
        <Link to={paths.facilitator}>Back to the staff area</Link>
      </p>
    </section>
  );
}
