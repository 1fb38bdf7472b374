/** The mailbox page's "Texts": the texts (SMS) the main API wrote to its folder instead of sending them, newest first,
 *  each with its number, when it went and what it said, and Reply STOP / Reply START: the reply a phone would send,
 *  taken by the same code as Twilio's inbound webhook, so opting out and back in can be tried without Twilio. */
import { EmptyState, ErrorMessage } from "../../../components/Feedback.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { useReplyToText, useTexts } from "../api.js";

export const REPLIES = ["STOP", "START"];
export const NOTHING_CHANGED = "Nothing changed, so nothing was texted back.";

/** What the last reply did: the number, the word, and the confirmation texted back (or that there was none). */
function ReplyOutcome({ reply }) {
  if (reply.isError) return <ErrorMessage error={reply.error} title="The reply was not taken." />;
  const sent = reply.isSuccess ? reply.variables : null;
  return (
    <p role="status" className="small-text text-reply-outcome">
      {sent && (
        <>
          {sent.from} replied {sent.body}. {reply.data?.answer ? `Texted back: “${reply.data.answer}”` : NOTHING_CHANGED}
        </>
      )}
    </p>
  );
}

export function TextList() {
  const texts = useTexts();
  const reply = useReplyToText();
  const send = (from, body) => {
    if (!reply.isPending) reply.mutate({ from, body });
  };
  let content;
  if (texts.isPending) content = <p className="muted">Reading the texts…</p>;
  else if (!texts.data) content = <ErrorMessage error={texts.error} title="The texts could not be read." onRetry={() => texts.refetch()} />;
  else if (!texts.data.texts?.length) {
    content = (
      <EmptyState title="No texts yet.">
        <p className="muted">Give a mobile number in your account, verify it with the code texted here, turn texts on, then book: the reminder lands here.</p>
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
            <div className="text-replies">
              {REPLIES.map((word) => (
                <button key={word} type="button" className="button-link" aria-label={`Reply ${word} from ${text.to}`} onClick={() => send(text.to, word)}>
                  Reply {word}
                </button>
              ))}
            </div>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <section aria-labelledby="texts-heading" className="mailbox-texts">
      <h2 id="texts-heading">Texts</h2>
      <ReplyOutcome reply={reply} />
      {content}
    </section>
  );
}
