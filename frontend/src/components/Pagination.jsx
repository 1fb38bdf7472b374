/** Previous / Next between pages of a list, with "Page X of Y" (or the list's own `status`). While `busy` the buttons
 *  keep their focus (aria-disabled). */
export function Pagination({ page, pages, onPage, busy = false, label = "Pagination", status = `Page ${page} of ${pages}` }) {
  if (!pages || pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={label}>
      <button type="button" className="button secondary" disabled={page <= 1} aria-disabled={busy || undefined} onClick={() => !busy && onPage(page - 1)}>
        Previous
      </button>
      <span className="pagination-status">{status}</span>
      <button type="button" className="button secondary" disabled={page >= pages} aria-disabled={busy || undefined} onClick={() => !busy && onPage(page + 1)}>
        Next
      </button>
    </nav>
  );
}
