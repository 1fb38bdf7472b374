/** The staff area's own header, under the navbar: which studio the person works in (a switcher when they have more
 *  than one), their role there, and the staff pages their role allows (the permission table's, through can). */
import { useId } from "react";
import { Link, NavLink, useLocation, useNavigate } from "react-router";
import { paths } from "../lib/paths.js";
import { roleName, useStudio } from "../lib/studio.jsx";

/** The staff pages, each with what the role must have: a list of permissions (any one), or a test of can. */
const LINKS = [
  { to: paths.facilitator, label: "Events", end: true },
  { to: paths.newEvent, label: "New event", allowed: (can) => can("events.manage") },
  { to: paths.myTeaching, label: "My teaching", allowed: (can) => can("sessions.own") && !can("events.manage") },
  { to: paths.frontDesk, label: "Front desk", allowed: (can) => can("desk.checkin") },
  // The client book is a studio's (a facilitator without a studio has none).
  { to: paths.clients, label: "Clients", allowed: (can, studio) => Boolean(studio) && (can("clients.view") || can("clients.own")) },
  { to: paths.facilitatorApprovals, label: "Approvals", allowed: (can) => can("registrants.all") },
  { to: paths.facilitatorPasses, label: "Passes", allowed: (can) => can("passes.manage") },
  { to: paths.facilitatorCodes, label: "Codes", allowed: (can) => can("passes.manage") },
  { to: paths.studioMembers, label: "Members", allowed: (can) => can("members.view") },
  { to: paths.studioAudit, label: "Audit log", allowed: (can) => can("audit.view") },
  { to: paths.studioSettings, label: "Settings", allowed: (can, studio) => Boolean(studio) && (can("studio.settings") || can("studio.payments")) },
  // A studio's invoices (a facilitator without a studio issues them under their own studio once it has one).
  { to: paths.studioInvoices, label: "Tax & invoices", allowed: (can, studio) => Boolean(studio) && can("money.view") },
  // A studio's reports; an instructor's own pay (reports.own) among them.
  { to: paths.reports, label: "Reports", allowed: (can, studio) => Boolean(studio) && (can("reports.view") || can("reports.own")) },
  // A studio's own delivery figures (a facilitator without a studio has none: the platform's are the operators').
  { to: paths.integration, label: "Delivery", allowed: (can, studio) => Boolean(studio) && can("money.view") },
];

/** The staff pages the current studio's role allows: [{to, label, end}]. */
export const staffLinks = (can, studio = null) => LINKS.filter((link) => !link.allowed || link.allowed(can, studio));

/** Pages of one event or session: another studio has none of them, so switching goes back to the dashboard. */
const ONE_THING = /^\/facilitator\/(events|sessions)\/\d/;

/** A select of my studios, each with my role; hidden when I have one. */
export function StudioSwitcher() {
  const { studios, studio, setStudio } = useStudio();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const id = useId();
  if (!studio || studios.length < 2) return null;
  const onChange = (event) => {
    setStudio(event.target.value);
    if (ONE_THING.test(pathname)) navigate(paths.facilitator);
  };
  return (
    <span className="studio-switcher">
      <label htmlFor={id}>Studio</label>
      <select id={id} value={studio.slug} onChange={onChange}>
        {studios.map((one) => (
          <option key={one.slug} value={one.slug}>
            {one.name} ({roleName(one.my_role)})
          </option>
        ))}
      </select>
    </span>
  );
}

/** The current studio's name and my role in it, or the switcher when there are more. */
function CurrentStudio() {
  const { studios, studio } = useStudio();
  if (!studio) return <span className="muted">Your own events</span>;
  if (studios.length > 1) return <StudioSwitcher />;
  return (
    <span className="studio-name">
      <strong>{studio.name}</strong>
      <span className="role-tag">{roleName(studio.my_role)}</span>
    </span>
  );
}

export function StaffBar() {
  const { can, studio } = useStudio();
  return (
    <div className="staff-bar">
      <div className="staff-studio">
        <CurrentStudio />
        {studio && (
          <Link to={paths.studio(studio.slug)} className="small-text">
            Public page
          </Link>
        )}
        <Link to={paths.newStudio} className="small-text">
          Create a studio
        </Link>
      </div>
      <nav aria-label="Staff" className="staff-links">
        {staffLinks(can, studio).map((link) => (
          <NavLink key={link.to} to={link.to} end={link.end}>
            {link.label}
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
