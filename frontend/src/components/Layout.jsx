/** The frame of every page: skip link, navbar (Events, My bookings, My passes, Facilitator or Studio, else Create a
 *  studio, the account page by the person's name),
 *  notices, content, and a footer (with the development mailbox when the app offers development tools). On a phone the
 *  links and the account fold behind a Menu button, so the header is one line. */
import { startTransition, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, useLocation, useNavigate } from "react-router";
import { useAuth } from "../lib/auth.jsx";
import { inFacilitatorArea, paths } from "../lib/paths.js";
import { useStudio } from "../lib/studio.jsx";
import { LanguageSwitcher } from "./LanguageSwitcher.jsx";
import { PageOutlet } from "./PageOutlet.jsx";

/** The facilitator area, except the inbox: that has its own link beside it. */
const facilitatorMarked = (pathname) => inFacilitatorArea(pathname) && !pathname.startsWith(paths.inbox);

/** inboxLink: the Inbox link (for those whose role reads the inbox), which the app layer brings from the inbox feature; noticesLink: a booking
 *  person's Notifications link, from the notifications feature; menuBadge: the unread count of whichever the person
 *  has, for the phone's Menu button, which hides those links. */
export function Layout({ inboxLink = null, noticesLink = null, menuBadge = null }) {
  const { t } = useTranslation("common");
  const { user, isStaff, logout, notice, dismissNotice, devTools } = useAuth();
  const { studio, hasStaffArea, can } = useStudio();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef(null);
  // A link followed, or Escape, closes the phone's menu (Escape gives the focus back to its button).
  const onMenuClick = (event) => event.target.closest("a") && setMenuOpen(false);
  const onMenuKey = (event) => {
    if (event.key !== "Escape" || !menuOpen) return;
    setMenuOpen(false);
    menuButton.current?.focus();
  };
  const onLogout = () => {
    setMenuOpen(false);
    // One transition (the router's own navigations are transitions): signing out on a members-only page
    // must not render that page signed out first, which would send the person to the login page instead.
    startTransition(() => {
      logout();
      navigate(paths.events);
    });
    // The button is gone: keyboard users continue from the top of the content.
    document.getElementById("main")?.focus();
  };
  return (
    <>
      <a className="skip-link" href="#main">
        {t("layout.skipToContent")}
      </a>
      <header className="navbar">
        <Link to={paths.events} className="brand">
          <span aria-hidden="true" className="brand-mark" /> {t("layout.brand")}
        </Link>
        <button ref={menuButton} type="button" className="button secondary small menu-toggle" aria-expanded={menuOpen} aria-controls="site-menu" onClick={() => setMenuOpen((open) => !open)}>
          {t("layout.menu")}
          {menuBadge}
        </button>
        {/* Its own box on a phone only: elsewhere its children sit in the navbar's row. */}
        <div id="site-menu" className={menuOpen ? "site-menu open" : "site-menu"} onClick={onMenuClick} onKeyDown={onMenuKey}>
          <nav aria-label={t("layout.mainNav")} className="nav-links">
            <NavLink to={paths.events} end>
              {t("layout.events")}
            </NavLink>
            <NavLink to={paths.timetable}>{t("layout.timetable")}</NavLink>
            {user?.role === "user" && <NavLink to={paths.myBookings}>{t("layout.myBookings")}</NavLink>}
            {user?.role === "user" && <NavLink to={paths.myPasses}>{t("layout.myPasses")}</NavLink>}
            {user?.role === "user" && <NavLink to={paths.myPrivates}>{t("layout.myPrivates")}</NavLink>}
            {user?.role === "user" && noticesLink}
            {user?.role === "admin" && <NavLink to={paths.integration}>{t("layout.delivery")}</NavLink>}
            {user?.role === "admin" && <NavLink to={paths.adminStudios}>{t("layout.studios")}</NavLink>}
            {/* The staff door: for visitors, facilitators and every studio's members; other accounts have no use for it. */}
            {(!user || hasStaffArea) && (
              <NavLink to={paths.facilitator} end className={() => (facilitatorMarked(pathname) ? "active" : undefined)}>
                {studio ? t("layout.studio") : t("layout.facilitator")}
              </NavLink>
            )}
            {/* Anyone signed in may start a studio: those with a staff area find the way in on its bar. */}
            {user && !hasStaffArea && <NavLink to={paths.newStudio}>{t("layout.createStudio")}</NavLink>}
            {/* The CRM's inbox: the current studio's for its owners and managers, a facilitator's own without a studio. */}
            {user && can("inbox.read") && inboxLink}
          </nav>
          <div className="nav-account">
            <LanguageSwitcher />
            {user ? (
              <>
                {/* The person's name leads to their account page. */}
                <NavLink to={paths.account} className="who" title={t("layout.yourAccount", { email: user.email })}>
                  <span className="who-name">{user.name}</span>
                  {isStaff && <span className="role-tag">{user.role}</span>}
                </NavLink>
                <button type="button" className="button secondary small" onClick={onLogout}>
                  {t("layout.logOut")}
                </button>
              </>
            ) : (
              <>
                <NavLink to={paths.login}>{t("layout.logIn")}</NavLink>
                <Link to={paths.register} className="button primary small">
                  {t("layout.register")}
                </Link>
              </>
            )}
          </div>
        </div>
      </header>
      {notice && (
        <div className="notice" role="status">
          {notice}
          <button type="button" className="button-link" onClick={dismissNotice} aria-label={t("layout.dismissNotice")}>
            ✕
          </button>
        </div>
      )}
      <main id="main" tabIndex={-1}>
        <PageOutlet />
      </main>
      <footer className="footer">
        {t("layout.footer")}
        {devTools && (
          <>
            {" · "}
            <Link to={paths.mailbox}>{t("layout.mailbox")}</Link>
          </>
        )}
      </footer>
    </>
  );
}
