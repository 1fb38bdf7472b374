/** The navbar's Inbox link with the unread count, and the same count for the phone's Menu button; quiet when the CRM
 *  is away (the inbox page explains). */
import { NavLink } from "react-router";
import { paths } from "../../../lib/paths.js";
import { useUnreadCount } from "../api.js";
import "../inbox.css";

/** " 7 unread" after a control's own word, "7" shown; nothing when all is read or the count is unknown. The name
 *  holds the visible text and more ("Inbox 7 unread" for "Inbox 7"): what is seen is what speech input says. */
export function UnreadMark() {
  const unreadCount = useUnreadCount();
  const unread = unreadCount.isSuccess ? (unreadCount.data?.unread ?? 0) : 0;
  if (unread <= 0) return null;
  return (
    <>
      {" "}
      <span className="badge">{unread > 99 ? "99+" : unread}</span>{" "}
      <span className="visually-hidden">unread</span>
    </>
  );
}

export function InboxBadge() {
  return (
    <NavLink to={paths.inbox} className="inbox-link">
      Inbox
      <UnreadMark />
    </NavLink>
  );
}
