/** The staff area's own header, under the navbar: which studio the person works in (a switcher when they have more
 *  than one), their role there, and the staff pages their role allows (the permission table's, through can). */
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, useLocation, useNavigate } from "react-router";
import { paths } from "../lib/paths.js";
import { roleName, useStudio } from "../lib/studio.jsx";

/** The staff pages (their labels' keys), each with what the role must have: a list of permissions (any one), or a test of can. */
const LINKS = [
  { to: paths.facilitator, label: "staffBar.events", end: true },
  { to: paths.newEvent, label: "staffBar.newEvent", allowed: (can) => can("events.manage") },
  { to: paths.myTeaching, label: "staffBar.myTeaching", allowed: (can) => can("sessions.own") && !can("events.manage") },
  { to: paths.frontDesk, label: "staffBar.frontDesk", allowed: (can) => can("desk.checkin") },
  // A studio's privates (a facilitator without a studio offers none).
  { to: paths.privatesBoard, label: "staffBar.privates", allowed: (can, studio) => Boolean(studio) && (can("appointments.board") || can("appointments.own")) },
  // The client book is a studio's (a facilitator without a studio has none).
  { to: paths.clients, label: "staffBar.clients", allowed: (can, studio) => Boolean(studio) && (can("clients.view") || can("clients.own")) },
  { to: paths.facilitatorApprovals, label: "staffBar.approvals", allowed: (can) => can("registrants.all") },
  { to: paths.facilitatorPasses, label: "staffBar.passes", allowed: (can) => can("passes.manage") },
  { to: paths.facilitatorCodes, label: "staffBar.codes", allowed: (can) => can("passes.manage") },
  // A studio's automations: its journeys of messages and tasks (a facilitator without a studio has none).
  { to: paths.automations, label: "staffBar.automations", allowed: (can, studio) => Boolean(studio) && can("automations.manage") },
  { to: paths.studioMembers, label: "staffBar.members", allowed: (can) => can("members.view") },
  // A studio's forms and waivers (a facilitator without a studio has none).
  { to: paths.studioForms, label: "staffBar.forms", allowed: (can, studio) => Boolean(studio) && can("forms.manage") },
  { to: paths.studioAudit, label: "staffBar.auditLog", allowed: (can) => can("audit.view") },
  { to: paths.studioSettings, label: "staffBar.settings", allowed: (can, studio) => Boolean(studio) && (can("studio.settings") || can("studio.payments")) },
  // A studio's invoices (a facilitator without a studio issues them under their own studio once it has one).
  { to: paths.studioInvoices, label: "staffBar.taxInvoices", allowed: (can, studio) => Boolean(studio) && can("money.view") },
  // A studio's reports; an instructor's own pay (reports.own) among them.
  { to: paths.reports, label: "staffBar.reports", allowed: (can, studio) => Boolean(studio) && (can("reports.view") || can("reports.own")) },
  // A studio's API tokens for its own tools (a facilitator without a studio has none).
  { to: paths.apiTokens, label: "staffBar.apiTokens", allowed: (can, studio) => Boolean(studio) && can("studio.tokens") },
  { to: paths.webhooks, label: "staffBar.webhooks", allowed: (can, studio) => Boolean(studio) && can("webhooks.manage") },
  // A studio's own delivery figures (a facilitator without a studio has none: the platform's are the operators').
  { to: paths.integration, label: "staffBar.delivery", allowed: (can, studio) => Boolean(studio) && can("money.view") },
];

/** The staff pages the current studio's role allows: [{to, label, end}], label the key of the link's words. */
export const staffLinks = (can, studio = null) => LINKS.filter((link) => !link.allowed || link.allowed(can, studio));

/** Pages of one event or session: another studio has none of them, so switching goes back to the dashboard. */
const ONE_THING = /^\/facilitator\/(events|sessions)\/\d/;

/** A select of my studios, each with my role; hidden when I have one. */
export function StudioSwitcher() {
  const { studios, studio, setStudio } = useStudio();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const id = useId();
  const { t } = useTranslation("common");
  if (!studio || studios.length < 2) return null;
  const onChange = (event) => {
    setStudio(event.target.value);
    if (ONE_THING.test(pathname)) navigate(paths.facilitator);
  };
  return (
    <span className="studio-switcher">
      <label htmlFor={id}>{t("layout.studio")}</label>
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
  const { t } = useTranslation("common");
  const { studios, studio } = useStudio();
  if (!studio) return <span className="muted">{t("staffBar.ownEvents")}</span>;
  if (studios.length > 1) return <StudioSwitcher />;
  return (
    <span className="studio-name">
      <strong>{studio.name}</strong>
      <span className="role-tag">{roleName(studio.my_role)}</span>
    </span>
  );
}

export function StaffBar() {
  const { t } = useTranslation("common");
  const { can, studio } = useStudio();
  return (
    <div className="staff-bar">
      <div className="staff-studio">
        <CurrentStudio />
        {studio && (
          <Link to={paths.studio(studio.slug)} className="small-text">
            {t("staffBar.publicPage")}
          </Link>
        )}
        <Link to={paths.newStudio} className="small-text">
          {t("layout.createStudio")}
        </Link>
      </div>
      <nav aria-label={t("staffBar.nav")} className="staff-links">
        {staffLinks(can, studio).map((link) => (
          <NavLink key={link.to} to={link.to} end={link.end}>
            {t(link.label)}
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
