/** The shared page frame with the inbox feature's Inbox link (and unread count) in the facilitator's navbar, and the
 *  notifications feature's link (and its live unread count) in a booking person's. News in the notification centre
 *  refreshes their bookings too: it is news about them. */
import { useQueryClient } from "@tanstack/react-query";
import { Layout } from "../components/Layout.jsx";
import { bookingKeys } from "../features/bookings/api.js";
import { InboxBadge, UnreadMark } from "../features/inbox/components/InboxBadge.jsx";
import { NoticeMark, NotificationsLink } from "../features/notifications/components/NotificationsLink.jsx";
import { useLiveCounts } from "../features/notifications/live.js";
import { useAuth } from "../lib/auth.jsx";

export function AppLayout() {
  const { user } = useAuth();
  const queryClient = useQueryClient();
  useLiveCounts({ onNewNotice: () => queryClient.invalidateQueries({ queryKey: bookingKeys.all }) });
  const menuBadge = user?.role === "facilitator" ? <UnreadMark /> : user?.role === "user" ? <NoticeMark /> : null;
  return <Layout inboxLink={<InboxBadge />} noticesLink={<NotificationsLink />} menuBadge={menuBadge} />;
}
