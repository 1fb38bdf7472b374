/** The navbar's Inbox link with the unread count, and the same count for the phone's Menu button; quiet when the CRM
 *  is away (the inbox page explains). */
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { UnreadBadge } from "../../../components/UnreadBadge.jsx";
import { paths } from "../../../lib/paths.js";
import { useUnreadCount } from "../api.js";
import "../inbox.css";

/** The inbox's unread count as a badge (the facilitator's Inbox link, the phone's Menu button). */
export function UnreadMark() {
  const unreadCount = useUnreadCount();
  return <UnreadBadge count={unreadCount.isSuccess ? (unreadCount.data?.unread ?? 0) : 0} />;
}

export function InboxBadge() {
  const { t } = useTranslation("inbox");
  return (
    <NavLink to={paths.inbox} className="inbox-link">
      {t("badge.link")}
      <UnreadMark />
    </NavLink>
  );
}
