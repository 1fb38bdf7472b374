/** The mailbox's messages, newest first: subject, recipient and when; each opens the message beside the list. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDateTime, timeAgo } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { subjectOf } from "../mail-display.js";

export const messagePath = (id) => `${paths.mailbox}?message=${encodeURIComponent(id)}`;

/** messages: the list's items; selectedId: the message shown; now: the time "5 minutes ago" counts from. */
export function MessageList({ messages, selectedId, now }) {
  const { t } = useTranslation("mailbox");
  return (
    <ul className="mail-list">
      {messages.map((message) => {
        const selected = String(message.id) === selectedId;
        return (
          <li key={message.id}>
            <Link to={messagePath(message.id)} className={`mail-item${selected ? " selected" : ""}`} aria-current={selected ? "true" : undefined}>
              <span className="mail-subject">{subjectOf(message)}</span>
              <span className="mail-to">{t("message.to", { to: message.to })}</span>
              <time className="mail-date" dateTime={message.date} title={formatDateTime(message.date, { label: true })}>
                {timeAgo(message.date, now)}
              </time>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
