/** What the people who came said: each rating with its comment (newest first) and the average. */
import { EmptyState, ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { formatDateTime, plural } from "../../../lib/format.js";
import { useSessionFeedback } from "../attendance-api.js";

const stars = (rating) => `${"★".repeat(rating)}${"☆".repeat(5 - rating)}`;

export function FeedbackSection({ sessionId }) {
  const feedback = useSessionFeedback(sessionId);
  let body;
  if (feedback.isPending) body = <Loading label="Loading the feedback…" />;
  else if (feedback.isError) body = <ErrorMessage error={feedback.error} title="The feedback could not be loaded." onRetry={() => feedback.refetch()} />;
  else if (feedback.data.count === 0) {
    body = (
      <EmptyState title="No feedback yet.">
        <p className="muted small-text">Everyone who came was emailed a link to rate the session from 1 to 5 stars and leave a comment; it works for a week.</p>
      </EmptyState>
    );
  } else {
    const { count, average, items } = feedback.data;
    body = (
      <>
        <p className="registrant-count">
          {plural(count, "rating")}, {average.toFixed(1)} out of 5 on average
        </p>
        <ul className="feedback-list">
          {items.map((item) => (
            <li key={item.booking_id} className="feedback-item">
              <div className="feedback-item-head">
                <strong>{item.name}</strong>
                <span className="feedback-stars" role="img" aria-label={`${item.rating} out of 5 stars`}>
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
      <h2 id="feedback-heading">Feedback</h2>
      {body}
    </section>
  );
}
