/** The catalogue ("/"): upcoming sessions and retreats, filtered and paged through the URL. */
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { EmptyState, ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { useEvents } from "../api.js";
import { useEventFilters } from "../use-event-filters.js";
import { EventCard } from "./EventCard.jsx";
import { EventFilters } from "./EventFilters.jsx";
import { Pagination } from "../../../components/Pagination.jsx";
import "../events.css";

export function EventsPage() {
  const { t } = useTranslation("events");
  usePageTitle(t("list.title"));
  const { filters, update, clear, active } = useEventFilters();
  const events = useEvents(filters);
  const data = events.data;
  const items = data?.items ?? [];
  const emptyWithFilters = Boolean(data) && items.length === 0 && active;
  const listRef = useRef(null);

  /** Another page: back to the top of the list, where the keyboard continues with its first event. */
  const goToPage = (page) => {
    update({ page });
    listRef.current?.focus({ preventScroll: true });
    listRef.current?.scrollIntoView?.({ block: "start" });
  };

  const clearButton = (
    <button type="button" className="button secondary" onClick={clear}>
      {t("filters.clear")}
    </button>
  );

  let results;
  if (events.isPending) {
    results = <Loading label={t("list.loading")} />;
  } else if (events.isError && !data) {
    results = <ErrorMessage error={events.error} title={t("list.loadError")} onRetry={() => events.refetch()} />;
  } else if (items.length === 0 && filters.page > 1 && data.total > 0) {
    results = (
      <EmptyState title={t("list.noSuchPage", { page: filters.page })}>
        <button type="button" className="button secondary" onClick={() => update({ page: 1 })}>
          {t("list.firstPage")}
        </button>
      </EmptyState>
    );
  } else if (items.length === 0) {
    results = active ? (
      <EmptyState title={t("list.noMatch")}>
        <p className="muted">{t("list.noMatchHint")}</p>
        {clearButton}
      </EmptyState>
    ) : (
      <EmptyState title={t("list.empty")}>
        <p className="muted">{t("list.emptyHint")}</p>
      </EmptyState>
    );
  } else {
    results = (
      <>
        {events.isError && <ErrorMessage error={events.error} title={t("list.refreshError")} onRetry={() => events.refetch()} />}
        <ul ref={listRef} tabIndex={-1} className="grid event-grid" aria-label={t("list.events")} aria-busy={events.isPlaceholderData || undefined}>
          {items.map((event) => (
            <EventCard key={event.id} event={event} />
          ))}
        </ul>
        <Pagination page={data.page} pages={data.pages} onPage={goToPage} busy={events.isPlaceholderData} />
      </>
    );
  }

  return (
    <section className="page">
      <h1>{t("list.title")}</h1>
      <EventFilters filters={filters} onChange={update} onClear={clear} showClear={active && !emptyWithFilters} />
      <p className="muted small-text event-count" role="status" aria-live="polite">
        {data && !events.isPlaceholderData ? t("list.found", { count: data.total }) : events.isFetching && data ? t("list.updating") : ""}
      </p>
      {/* A screen's height kept for the results: the footer stays below until the events come, not pushed by them. */}
      <div className="event-results">{results}</div>
    </section>
  );
}
