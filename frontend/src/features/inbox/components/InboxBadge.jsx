/** The navbar's Inbox link with the unread count; quiet when the CRM is away (the inbox page explains). */
import { NavLink } from "react-router";
import { paths } from "../../../lib/paths.js";
import { useUnreadCount } from "../api.js";
import "../inbox.css";

export function InboxBadge() {
  const unreadCount = useUnreadCount();
  const unread = unreadCount.isSuccess ? (unreadCount.data?.unread ?? 0) : 0;
  // The name is the visible text and more ("Inbox 7 unread" for "Inbox 7"): what is seen is what speech input says.
  return (
    <NavLink to={paths.inbox} className="inbox-link">
      Inbox
      {unread > 0 && (
        <>
          {" "}
          <span className="badge">{unread > 99 ? "99+" : unread}</span>{" "}
          <span className="visually-hidden">unread</span>
        </>
      )}
    </NavLink>
  );
}
