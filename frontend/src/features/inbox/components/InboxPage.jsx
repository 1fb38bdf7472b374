/** /facilitator/inbox: what happened on my events (bookings, cancellations, changes), newest first. texts: words of
 *  another feature's for some types ({type: (item) => {sentence, detail}}, as src/app composes them). */
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { EmptyState, ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { Flash } from "../../../components/Flash.jsx";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { shownError as shown, useMarkAllRead, useMarkRead, useNotifications } from "../api.js";
import { NotificationItem } from "./NotificationItem.jsx";
import "../inbox.css";

const FILTERS = [
  ["all", "page.all"],
  ["unread", "page.unreadFilter"],
];

/** ?filter=unread&page=2, leaving out the defaults. */
function searchFor({ filter, page }) {
  const search = {};
  if (filter === "unread") search.filter = "unread";
  if (page > 1) search.page = String(page);
  return search;
}

function Pagination({ page, pages, onPage }) {
  const { t } = useTranslation("inbox");
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={t("pager.label")}>
      <button type="button" className="button secondary small" onClick={() => onPage(page - 1)} disabled={page <= 1}>
        {t("pager.previous")}
      </button>
      <span aria-current="page">{t("pager.page", { page, pages })}</span>
      <button type="button" className="button secondary small" onClick={() => onPage(page + 1)} disabled={page >= pages}>
        {t("pager.next")}
      </button>
    </nav>
  );
}

export function InboxPage({ texts }) {
  const { t } = useTranslation("inbox");
  usePageTitle(t("page.title"));
  const [params, setParams] = useSearchParams();
  const filter = params.get("filter") === "unread" ? "unread" : "all";
  const page = Math.max(1, Number.parseInt(params.get("page"), 10) || 1);
  const notifications = useNotifications({ filter, page });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

  const listRef = useRef(null);
  const go = (next) => setParams(searchFor(next));
  /** Another page: the reader continues from the top of the list, not from a button that may now be disabled. */
  const goToPage = (next) => {
    go({ filter, page: next });
    listRef.current?.focus({ preventScroll: true });
    listRef.current?.scrollIntoView?.({ block: "start" });
  };

  /** The item's button goes away once it is read: the focus moves on to the next one still unread, else the list. */
  const markOne = (id) => {
    if (markRead.isPending) return;
    const buttons = [...(listRef.current?.querySelectorAll("[data-mark-read]") ?? [])];
    const index = buttons.findIndex((button) => button.dataset.markRead === String(id));
    const next = buttons[index + 1] ?? buttons[index - 1];
    markRead.mutate(id, {
      onSuccess: () => (next?.isConnected ? next : (listRef.current ?? document.getElementById("main")))?.focus(),
    });
  };

  // Marking the last items of a page read (Unread filter) can leave us past the last page.
  const pages = notifications.data?.pages ?? 1;
  const pastTheEnd = notifications.isSuccess && page > 1 && page > pages;
  useEffect(() => {
    if (pastTheEnd) setParams(searchFor({ filter, page: pages }), { replace: true });
  }, [pastTheEnd, filter, pages, setParams]);

  const data = notifications.data;
  const unread = data?.unread ?? 0;
  return (
    <section className="page inbox">
      <div className="inbox-head">
        <h1>{t("page.heading")}</h1>
        <p className="muted">{data ? t("page.unread", { count: unread }) : t("page.intro")}</p>
      </div>
      <div className="inbox-toolbar">
        <div role="group" aria-label={t("page.show")} className="inbox-filters">
          {FILTERS.map(([value, label]) => (
            <button key={value} type="button" className={`button small ${filter === value ? "primary" : "secondary"}`} aria-pressed={filter === value} onClick={() => go({ filter: value, page: 1 })}>
              {t(label)}
            </button>
          ))}
        </div>
        <button type="button" className="button secondary small" onClick={() => !markAll.isPending && markAll.mutate()} disabled={!data || (unread === 0 && !markAll.isPending)} aria-disabled={markAll.isPending || undefined}>
          {t("page.markAll")}
        </button>
      </div>
      {/* "Mark all as read" is disabled once nothing is unread: the message takes the focus. */}
      <Flash message={markAll.isSuccess ? t("page.marked", { count: markAll.data?.marked ?? 0 }) : null} />
      <ErrorMessage error={shown(markAll.error)} title={t("page.markAllFailed")} />
      <ErrorMessage error={shown(markRead.error)} title={t("page.markOneFailed")} />

      {notifications.isPending ? (
        <Loading label={t("page.loading")} />
      ) : notifications.isError && !data ? (
        <ErrorMessage error={shown(notifications.error)} onRetry={() => notifications.refetch()} />
      ) : data.items.length === 0 ? (
        <EmptyState title={filter === "unread" ? t("page.noUnread") : t("page.none")}>
          <p className="muted">
            {filter === "unread" ? t("page.caughtUp") : t("page.noneText")}
          </p>
        </EmptyState>
      ) : (
        <>
          {notifications.isError && <ErrorMessage error={shown(notifications.error)} title={t("page.outOfDate")} onRetry={() => notifications.refetch()} />}
          <ul ref={listRef} tabIndex={-1} className="inbox-list" aria-label={t("page.list")} aria-busy={notifications.isFetching}>
            {data.items.map((item) => (
              <NotificationItem key={item.id} item={item} onMarkRead={markOne} marking={markRead.isPending && markRead.variables === item.id} texts={texts} />
            ))}
          </ul>
          <Pagination page={page} pages={data.pages} onPage={goToPage} />
        </>
      )}
    </section>
  );
}
