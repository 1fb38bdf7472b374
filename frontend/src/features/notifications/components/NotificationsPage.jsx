/** /notifications: what the person was told by email or text (bookings, changes, reminders, waiting lists), unread
 *  first; opening one marks it read, and "Mark all as read" clears the count. New ones appear without a reload. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState, ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { formatDateTime, timeAgo } from "../../../lib/format.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useMarkRead, useNotices } from "../api.js";
import "../notifications.css";

function Notice({ notice, onOpen }) {
  const { t } = useTranslation("notifications");
  const unread = notice.read_at === null;
  return (
    <li className={unread ? "notice-item unread" : "notice-item"}>
      <article aria-label={notice.title}>
        <h2 className="notice-title">
          {unread && <span className="visually-hidden">{t("notice.unread")}</span>}
          <Link to={notice.link} onClick={() => unread && onOpen(notice.id)}>
            {notice.title}
          </Link>
        </h2>
        <p className="notice-body">{notice.body}</p>
        <p className="notice-time">
          <time dateTime={notice.created_at} title={formatDateTime(notice.created_at)}>
            {timeAgo(notice.created_at)}
          </time>
          {unread && (
            <button type="button" className="button-link" onClick={() => onOpen(notice.id)}>
              {t("notice.markRead")}
            </button>
          )}
        </p>
      </article>
    </li>
  );
}

export function NotificationsPage() {
  const { t } = useTranslation("notifications");
  usePageTitle(t("page.title"));
  const [page, setPage] = useState(1);
  const notices = useNotices(page);
  const markRead = useMarkRead();
  const answer = notices.data;
  return (
    <section className="notifications-page" aria-labelledby="notifications-heading">
      <div className="page-heading">
        <h1 id="notifications-heading">{t("page.heading")}</h1>
        {answer?.unread > 0 && (
          <button type="button" className="button secondary small" disabled={markRead.isPending} onClick={() => markRead.mutate({ all: true })}>
            {t("page.markAllRead")}
          </button>
        )}
      </div>
      <p className="notifications-summary" role="status">
        {answer ? (answer.unread > 0 ? t("page.unreadOf", { unread: answer.unread, total: answer.total }) : answer.total > 0 ? t("page.allRead") : "") : ""}
      </p>
      {notices.isPending && <Loading />}
      {notices.isError && <ErrorMessage error={notices.error} onRetry={notices.refetch} />}
      {markRead.isError && <ErrorMessage error={markRead.error} title={t("page.markFailed")} />}
      {answer && answer.total === 0 && (
        <EmptyState title={t("page.emptyTitle")}>{t("page.emptyText")}</EmptyState>
      )}
      {answer?.items?.length > 0 && (
        <ul className="notice-list">
          {answer.items.map((notice) => (
            <Notice key={notice.id} notice={notice} onOpen={(id) => markRead.mutate({ ids: [id] })} />
          ))}
        </ul>
      )}
      {answer?.pages > 1 && (
        <nav className="pager" aria-label={t("pager.label")}>
          <button type="button" className="button secondary small" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {t("pager.newer")}
          </button>
          <span>{t("pager.page", { page, pages: answer.pages })}</span>
          <button type="button" className="button secondary small" disabled={page >= answer.pages} onClick={() => setPage(page + 1)}>
            {t("pager.older")}
          </button>
        </nav>
      )}
    </section>
  );
}
