/** The shared page frame with the inbox feature's Inbox link (and unread count) in the facilitator's navbar. */
import { Layout } from "../components/Layout.jsx";
import { InboxBadge, UnreadMark } from "../features/inbox/components/InboxBadge.jsx";

export function AppLayout() {
  return <Layout inboxLink={<InboxBadge />} menuBadge={<UnreadMark />} />;
}
