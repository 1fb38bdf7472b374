/** What a notification says: its sentence (marked New while unread), its detail and when, for an entry or a member.
 *  texts: the page's own words for some types ({type: (item) => {sentence, detail}}, elements), over describe.js's. */
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../lib/format.js";
import { describeNotification, timeAgo } from "../describe.js";

export function NotificationText({ item, sentenceId, texts }) {
  const { t } = useTranslation("inbox");
  const own = texts?.[item.type];
  const { sentence, detail } = own ? own(item) : describeNotification(item);
  const at = item.occurred_at || item.received_at;
  return (
    <>
      <p id={sentenceId} className="notification-sentence">
        {!item.read && <span className="pill warn notification-new">{t("item.new")}</span>}
        {sentence}
      </p>
      {detail && (own ? detail : <p className="notification-detail muted small-text">{detail}</p>)}
      <p className="notification-time muted small-text">
        <time dateTime={at} title={formatDateTime(at)}>
          {timeAgo(at)}
        </time>
      </p>
    </>
  );
}
