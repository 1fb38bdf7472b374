/** The mailbox page's "Texts": the texts (SMS) the main API wrote to its folder instead of sending them, newest first,
 *  each with its number, when it went and what it said. */
import { EmptyState, ErrorMessage } from "../../../components/Feedback.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { useTexts } from "../api.js";

export function TextList() {
  const texts = useTexts();
  let content;
  if (texts.isPending) content = <p className="muted">Reading the texts…</p>;
  else if (!texts.data) content = <ErrorMessage error={texts.error} title="The texts could not be read." onRetry={() => texts.refetch()} />;
  else if (!texts.data.texts?.length) {
    content = (
      <EmptyState title="No texts yet.">
        <p className="muted">Give a mobile number and turn texts on in your account, then book: the reminder lands here.</p>
      </EmptyState>
    );
  } else {
    content = (
      <ul className="text-list">
        {texts.data.texts.map((text) => (
          <li key={text.id} className="card text-item">
            <p className="small-text muted">
              To <span className="text-to">{text.to}</span> · <time dateTime={text.sent_at}>{formatDateTime(text.sent_at)}</time>
            </p>
            <p className="text-body">{text.body}</p>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <section aria-labelledby="texts-heading" className="mailbox-texts">
      <h2 id="texts-heading">Texts</h2>
      {content}
    </section>
  );
}
