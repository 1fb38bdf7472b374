/** /facilitator/inbox: what happened on my events (bookings, cancellations, changes), newest first. */
import { useEffect, useRef } from "react";
import { useSearchParams } from "react-router";
import { EmptyState, ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { Flash } from "../../../components/Flash.jsx";
import { plural } from "../../../lib/format.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { shownError as shown, useMarkAllRead, useMarkRead, useNotifications } from "../api.js";
import { NotificationItem } from "./NotificationItem.jsx";
import "../inbox.css";

const FILTERS = [
  ["all", "All"],
  ["unread", "Unread"],
];

/** ?filter=unread&page=2, leaving out the defaults. */
function searchFor({ filter, page }) {
  const search = {};
  if (filter === "unread") search.filter = "unread";
  if (page > 1) search.page = String(page);
  return search;
}

function Pagination({ page, pages, onPage }) {
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label="Inbox pages">
      <button type="button" className="button secondary small" onClick={() => onPage(page - 1)} disabled={page <= 1}>
        Previous
      </button>
      <span aria-current="page">
        Page {page} of {pages}
      </span>
      <button type="button" className="button secondary small" onClick={() => onPage(page + 1)} disabled={page >= pages}>
        Next
      </button>
    </nav>
  );
}

export function InboxPage() {
  usePageTitle("Inbox");
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
        <h1>Inbox</h1>
        <p className="muted">{data ? `${plural(unread, "unread notification")}` : "Bookings, cancellations and changes on your events."}</p>
      </div>
      <div className="inbox-toolbar">
        <div role="group" aria-label="Show" className="inbox-filters">
          {FILTERS.map(([value, label]) => (
            <button key={value} type="button" className={`button small ${filter === value ? "primary" : "secondary"}`} aria-pressed={filter === value} onClick={() => go({ filter: value, page: 1 })}>
              {label}
            </button>
          ))}
        </div>
        <button type="button" className="button secondary small" onClick={() => !markAll.isPending && markAll.mutate()} disabled={!data || (unread === 0 && !markAll.isPending)} aria-disabled={markAll.isPending || undefined}>
          Mark all as read
        </button>
      </div>
      {/* "Mark all as read" is disabled once nothing is unread: the message takes the focus. */}
      <Flash message={markAll.isSuccess ? `Marked ${plural(markAll.data?.marked ?? 0, "notification")} as read.` : null} />
      <ErrorMessage error={shown(markAll.error)} title="Could not mark all as read." />
      <ErrorMessage error={shown(markRead.error)} title="Could not mark it as read." />

      {notifications.isPending ? (
        <Loading label="Loading your notifications…" />
      ) : notifications.isError && !data ? (
        <ErrorMessage error={shown(notifications.error)} onRetry={() => notifications.refetch()} />
      ) : data.items.length === 0 ? (
        <EmptyState title={filter === "unread" ? "No unread notifications." : "No notifications yet."}>
          <p className="muted">
            {filter === "unread" ? "You're all caught up." : "When people book or cancel your sessions, it shows up here."}
          </p>
        </EmptyState>
      ) : (
        <>
          {notifications.isError && <ErrorMessage error={shown(notifications.error)} title="This list may be out of date." onRetry={() => notifications.refetch()} />}
          <ul ref={listRef} tabIndex={-1} className="inbox-list" aria-label="Notifications" aria-busy={notifications.isFetching}>
            {data.items.map((item) => (
              <NotificationItem key={item.id} item={item} onMarkRead={markOne} marking={markRead.isPending && markRead.variables === item.id} />
            ))}
          </ul>
          <Pagination page={page} pages={data.pages} onPage={goToPage} />
        </>
      )}
    </section>
  );
}
