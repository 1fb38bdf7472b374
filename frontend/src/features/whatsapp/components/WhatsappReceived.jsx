/** A studio inbox's WhatsApp message from a client (whatsapp_received) as the inbox shows a notification: a sentence
 *  (who wrote, their name in the element the page gives, a link to their page) and a detail (what they wrote, and
 *  until when an answer can still reach them). */
import { Trans, useTranslation } from "react-i18next";
import { formatDateTime } from "../../../lib/format.js";
import { useStudio } from "../../../lib/studio.jsx";
import "../whatsapp.css";

/** "Asha Verma wrote on WhatsApp", the name inside `client` (an element that takes the name as its children). */
function Sender({ item, client }) {
  const { t } = useTranslation("whatsapp");
  const name = item.user?.name || item.user?.email;
  if (!name) return t("inbox.someoneWrote");
  return <Trans t={t} i18nKey="inbox.wrote" values={{ name }} components={{ client }} />;
}

/** Whether an answer can still reach them at `now`: the window's closing time is ahead. */
export const windowOpen = (data, now) => Boolean(data?.window_closes_at) && new Date(data.window_closes_at).getTime() > now;

/** What they wrote, and the reply window: "Reply window closes …", "Reply window closed", or that they sent STOP. */
function Message({ item, now }) {
  const { t } = useTranslation("whatsapp");
  const { studio } = useStudio();
  const data = item.data ?? {};
  let reply;
  if (data.stopped) reply = t("inbox.stopped");
  else if (windowOpen(data, now)) reply = t("inbox.closes", { when: formatDateTime(data.window_closes_at, { timeZone: studio?.timezone, label: true }) });
  else reply = t("inbox.closed");
  return (
    <>
      {data.text && <p className="whatsapp-inbox-text">{data.text}</p>}
      <p className="notification-detail muted small-text">{reply}</p>
    </>
  );
}

/** The inbox's {sentence, detail} of a whatsapp_received item; clientOf(item): the element naming the client (their
 *  name goes in as its children); now: the time the page was read, in milliseconds. */
export function whatsappReceived(item, clientOf, now) {
  return { sentence: <Sender item={item} client={clientOf(item)} />, detail: <Message item={item} now={now} /> };
}
