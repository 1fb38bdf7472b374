/** The navbar's Notifications link with the unread count, and the same count for the phone's Menu button. The
 *  name holds the visible text and more ("Notifications 3 unread" for "Notifications 3"). */
import { NavLink } from "react-router";
import { paths } from "../../../lib/paths.js";
import { useNoticeCounts } from "../api.js";
import "../notifications.css";

export function NoticeMark() {
  const counts = useNoticeCounts();
  const unread = counts.data?.unread ?? 0;
  if (unread <= 0) return null;
  return (
    <>
      {" "}
      <span className="badge">{unread > 99 ? "99+" : unread}</span>{" "}
      <span className="visually-hidden">unread</span>
    </>
  );
}

export function NotificationsLink() {
  return (
    <NavLink to={paths.notifications} className="notifications-link">
      Notifications
      <NoticeMark />
    </NavLink>
  );
}
