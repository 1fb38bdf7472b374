/** What the people who came said: each rating with its comment (newest first) and the average. */
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { useSessionFeedback } from "../attendance-api.js";

const stars = (rating) => `${"★".repeat(rating)}${"☆".repeat(5 - rating)}`;

export function FeedbackSection({ sessionId }) {
  const { t } = useTranslation("programme");
  const feedback = useSessionFeedback(sessionId);
  let body;
  if (feedback.isPending) body = <Loading label={t("feedback.loading")} />;
  else if (feedback.isError) body = <ErrorMessage error={feedback.error} title={t("feedback.loadFailed")} onRetry={() => feedback.refetch()} />;
  else if (feedback.data.count === 0) {
    body = (
      <EmptyState title={t("feedback.none")}>
        <p className="muted small-text">{t("feedback.noneHint")}</p>
      </EmptyState>
    );
  } else {
    const { count, average, items } = feedback.data;
    body = (
      <>
        <p className="registrant-count">
          {t("feedback.summary", { count, average: average.toFixed(1) })}
        </p>
        <ul className="feedback-list">
          {items.map((item) => (
            <li key={item.booking_id} className="feedback-item">
              <div className="feedback-item-head">
                <strong>{item.name}</strong>
                <span className="feedback-stars" role="img" aria-label={t("feedback.stars", { rating: item.rating })}>
                  {stars(item.rating)}
                </span>
                <span className="muted small-text">{formatDateTime(item.at, { label: true })}</span>
              </div>
              {item.comment && <p className="feedback-comment-text">{item.comment}</p>}
            </li>
          ))}
        </ul>
      </>
    );
  }
  return (
    <section aria-labelledby="feedback-heading" className="session-section">
      <h2 id="feedback-heading">{t("feedback.heading")}</h2>
      {body}
    </section>
  );
}
