/** " 7 unread" after a control's own word, "7" shown; nothing when all is read or the count is unknown. The name
 *  holds the visible text and more ("Inbox 7 unread" for "Inbox 7"): what is seen is what speech input says. */
import { useTranslation } from "react-i18next";

export function UnreadBadge({ count }) {
  const { t } = useTranslation("common");
  if (!(count > 0)) return null;
  return (
    <>
      {" "}
      <span className="badge">{count > 99 ? "99+" : count}</span>{" "}
      <span className="visually-hidden">{t("unreadBadge.unread")}</span>
    </>
  );
}
