/** Previous / Next between pages of a list, with "Page X of Y" (or the list's own `status`). While `busy` the buttons
 *  keep their focus (aria-disabled). */
import { useTranslation } from "react-i18next";

export function Pagination({ page, pages, onPage, busy = false, label, status }) {
  const { t } = useTranslation("common");
  if (!pages || pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={label ?? t("pagination.label")}>
      <button type="button" className="button secondary" disabled={page <= 1} aria-disabled={busy || undefined} onClick={() => !busy && onPage(page - 1)}>
        {t("pagination.previous")}
      </button>
      <span className="pagination-status">{status ?? t("pagination.status", { page, pages })}</span>
      <button type="button" className="button secondary" disabled={page >= pages} aria-disabled={busy || undefined} onClick={() => !busy && onPage(page + 1)}>
        {t("pagination.next")}
      </button>
    </nav>
  );
}
