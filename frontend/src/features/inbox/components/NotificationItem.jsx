/** One notification: what happened, when, and (while unread) a way to mark it read. */
import { useId } from "react";
import { formatDateTime } from "../../../lib/format.js";
import { describeNotification, timeAgo } from "../describe.js";

export function NotificationItem({ item, onMarkRead, marking }) {
  const sentenceId = useId();
  const { sentence, detail } = describeNotification(item);
  const at = item.occurred_at || item.received_at;
  const unread = !item.read;
  return (
    <li className={`notification card${unread ? " unread" : ""}`}>
      <div className="notification-body">
        <p id={sentenceId} className="notification-sentence">
          {unread && <span className="pill warn notification-new">New</span>}
          {sentence}
        </p>
        {detail && <p className="notification-detail muted small-text">{detail}</p>}
        <p className="notification-time muted small-text">
          <time dateTime={at} title={formatDateTime(at)}>
            {timeAgo(at)}
          </time>
        </p>
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
          Mark as read
        </button>
      )}
    </li>
  );
}
