/**
 * A modal confirmation (its buttons say "Confirm" and "Keep" unless told otherwise): focus moves into it, Escape or
 * "Keep" closes it, Tab stays inside.
 * While `busy` its buttons are marked aria-disabled, not disabled: a disabled button drops the focus, and a
 * keyboard user would then be outside the dialog when an error comes back.
 */
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";

export function ConfirmDialog({ title, children, confirmLabel, cancelLabel, danger = false, busy = false, onConfirm, onCancel }) {
  const { t } = useTranslation("common");
  const titleId = useId();
  const bodyId = useId();
  const panelRef = useRef(null);
  const cancelRef = useRef(null);

  useEffect(() => {
    const previous = document.activeElement;
    cancelRef.current?.focus();
    return () => previous?.focus?.();
  }, []);

  const onKeyDown = (event) => {
    if (event.key === "Escape" && !busy) {
      event.stopPropagation();
      onCancel();
    }
    if (event.key === "Tab") {
      const focusable = panelRef.current.querySelectorAll("button, input, textarea, select, a[href]");
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && !busy && onCancel()}>
      <div ref={panelRef} className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={bodyId} onKeyDown={onKeyDown}>
        <h2 id={titleId}>{title}</h2>
        <div id={bodyId}>{children}</div>
        <div className="dialog-actions">
          <button ref={cancelRef} type="button" className="button secondary" onClick={() => !busy && onCancel()} aria-disabled={busy || undefined}>
            {cancelLabel ?? t("confirm.keep")}
          </button>
          <button type="button" className={`button ${danger ? "danger" : "primary"}`} onClick={() => !busy && onConfirm()} aria-disabled={busy || undefined}>
            {busy ? t("confirm.working") : (confirmLabel ?? t("confirm.confirm"))}
          </button>
        </div>
      </div>
    </div>
  );
}
