/** The navbar's Inbox link with the unread count; quiet when the CRM is away (the inbox page explains). */
import { NavLink } from "react-router";
import { paths } from "../../../lib/paths.js";
import { useUnreadCount } from "../api.js";
import "../inbox.css";

export function InboxBadge() {
  const unreadCount = useUnreadCount();
  const unread = unreadCount.isSuccess ? (unreadCount.data?.unread ?? 0) : 0;
  return (
    <NavLink to={paths.inbox} className="inbox-link" aria-label={unread > 0 ? `Inbox, ${unread} unread` : undefined}>
      Inbox
      {unread > 0 && (
        <span className="badge" aria-hidden="true">
          {unread > 99 ? "99+" : unread}
        </span>
      )}
    </NavLink>
  );
}
