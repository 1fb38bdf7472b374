/** Loading, error and empty states, the same everywhere. */
import { useTranslation } from "react-i18next";

export function Loading({ label }) {
  const { t } = useTranslation("common");
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label ?? t("feedback.loading")}
    </p>
  );
}

/** Shows an ApiError's message (our error shape) or any Error; role=alert so screen readers announce it. */
export function ErrorMessage({ error, title, onRetry }) {
  const { t } = useTranslation("common");
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      {title && <strong>{title} </strong>}
      {error.message || String(error)}
      {onRetry && (
        <button type="button" className="button-link" onClick={onRetry}>
          {t("feedback.tryAgain")}
        </button>
      )}
    </div>
  );
}

export function SuccessMessage({ children }) {
  if (!children) return null;
  return (
    <div className="alert alert-success" role="status">
      {children}
    </div>
  );
}

export function EmptyState({ title, children }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children}
    </div>
  );
}
