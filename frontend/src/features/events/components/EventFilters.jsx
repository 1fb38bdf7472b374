/** The search form: title search (applied after a pause in typing, or on Enter), kind and a date range. */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

export const SEARCH_DELAY_MS = 400;

export function EventFilters({ filters, onChange, onClear, showClear }) {
  const { t } = useTranslation("events");
  const [search, setSearch] = useState(filters.q);
  const [shownQuery, setShownQuery] = useState(filters.q);

  // Back/forward or "Clear filters" change the URL: the box follows it (while rendering, not one render late).
  if (filters.q !== shownQuery) {
    setShownQuery(filters.q);
    setSearch((current) => (current.trim() === filters.q.trim() ? current : filters.q));
  }

  useEffect(() => {
    if (search.trim() === filters.q.trim()) return undefined;
    const timer = setTimeout(() => onChange({ q: search.trim() }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, filters.q, onChange]);

  const applySearch = () => {
    if (search.trim() !== filters.q.trim()) onChange({ q: search.trim() });
  };

  const rangeError = filters.from && filters.to && filters.to < filters.from ? t("filters.rangeError") : null;

  return (
    <form
      role="search"
      aria-label={t("filters.label")}
      className="card event-filters"
      onSubmit={(event) => {
        event.preventDefault();
        applySearch();
      }}
    >
      <div className="field event-filters-search">
        <label htmlFor="event-search">{t("filters.search")}</label>
        <input
          id="event-search"
          type="search"
          value={search}
          placeholder={t("filters.searchPlaceholder")}
          onChange={(event) => setSearch(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              applySearch();
            }
          }}
        />
      </div>
      <div className="field">
        <label htmlFor="event-kind">{t("filters.kind")}</label>
        <select id="event-kind" value={filters.kind} onChange={(event) => onChange({ kind: event.target.value })}>
          <option value="">{t("filters.allKinds")}</option>
          <option value="session">{t("kinds.session")}</option>
          <option value="retreat">{t("kinds.retreat")}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="event-from">{t("filters.from")}</label>
        <input id="event-from" type="date" value={filters.from} max={filters.to || undefined} onChange={(event) => onChange({ from: event.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="event-to">{t("filters.to")}</label>
        <input
          id="event-to"
          type="date"
          value={filters.to}
          min={filters.from || undefined}
          aria-invalid={rangeError ? "true" : undefined}
          aria-describedby={rangeError ? "event-to-error" : undefined}
          onChange={(event) => onChange({ to: event.target.value })}
        />
        {rangeError && (
          <p id="event-to-error" className="field-error">
            {rangeError}
          </p>
        )}
      </div>
      {showClear && (
        <div className="event-filters-actions">
          <button type="button" className="button secondary" onClick={onClear}>
            {t("filters.clear")}
          </button>
        </div>
      )}
    </form>
  );
}
