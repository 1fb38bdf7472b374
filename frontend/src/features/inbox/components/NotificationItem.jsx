/** One notification: what happened, when, (while unread) a way to mark it read, and (a batch) what it stands for. */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { describeBatch } from "../describe.js";
import { BatchMembers } from "./BatchMembers.jsx";
import { NotificationText } from "./NotificationText.jsx";

// The batch toggle's arrow (hidden from screen readers, which hear aria-expanded).
const ARROW = { open: "▾", closed: "▸" };

/** texts: the page's own words for some types (NotificationText's). */
export function NotificationItem({ item, onMarkRead, marking, texts }) {
  const { t } = useTranslation("inbox");
  const sentenceId = useId();
  const membersId = useId();
  const [expanded, setExpanded] = useState(false);
  const unread = !item.read;
  return (
    <li className={`notification card${unread ? " unread" : ""}`}>
      <div className="notification-body">
        <NotificationText item={item} sentenceId={sentenceId} texts={texts} />
        {item.batch && (
          <>
            <button
              type="button"
              className="button-link notification-batch-toggle"
              aria-expanded={expanded}
              aria-controls={membersId}
              aria-describedby={sentenceId}
              onClick={() => setExpanded((open) => !open)}
            >
              <span aria-hidden="true" className="notification-batch-marker">
                {expanded ? ARROW.open : ARROW.closed}
              </span>
              <span className="notification-batch-label">{describeBatch(item)}</span>
            </button>
            <div id={membersId} hidden={!expanded}>
              {expanded && <BatchMembers batchId={item.batch.id} label={describeBatch(item)} />}
            </div>
          </>
        )}
      </div>
      {unread && (
        <button
          type="button"
          className="button secondary small"
          data-mark-read={item.id}
          onClick={() => onMarkRead(item.id)}
          aria-disabled={marking || undefined}
          aria-describedby={sentenceId}
        >
          {t("item.markRead")}
        </button>
      )}
    </li>
  );
}
