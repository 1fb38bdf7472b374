/** The navbar's Notifications link with the unread count, and the same count for the phone's Menu button. */
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { UnreadBadge } from "../../../components/UnreadBadge.jsx";
import { paths } from "../../../lib/paths.js";
import { useNoticeCounts } from "../api.js";
import "../notifications.css";

/** The notification centre's unread count as a badge (the Notifications link, the phone's Menu button). */
export function NoticeMark() {
  return <UnreadBadge count={useNoticeCounts().data?.unread ?? 0} />;
}

export function NotificationsLink() {
  const { t } = useTranslation("notifications");
  return (
    <NavLink to={paths.notifications} className="notifications-link">
      {t("nav.link")}
      <NoticeMark />
    </NavLink>
  );
}
