/** The mailbox page's "Texts": the texts (SMS) the main API wrote to its folder instead of sending them, newest first,
 *  each with its number, when it went and what it said, and Reply STOP / Reply START: the reply a phone would send,
 *  taken by the same code as Twilio's inbound webhook, so opting out and back in can be tried without Twilio. */
import { Trans, useTranslation } from "react-i18next";
import { EmptyState, ErrorMessage } from "../../../components/Feedback.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { useReplyToText, useTexts } from "../api.js";
import { nothingChanged } from "../wording.js";

export const REPLIES = ["STOP", "START"];

/** What the last reply did: the number, the word, and the confirmation texted back (or that there was none). */
function ReplyOutcome({ reply }) {
  const { t } = useTranslation("mailbox");
  if (reply.isError) return <ErrorMessage error={reply.error} title={t("texts.replyFailed")} />;
  const sent = reply.isSuccess ? reply.variables : null;
  return (
    <p role="status" className="small-text text-reply-outcome">
      {sent && (
        <>
          {t("texts.replied", { from: sent.from, word: sent.body })} {reply.data?.answer ? t("texts.textedBack", { answer: reply.data.answer }) : nothingChanged()}
        </>
      )}
    </p>
  );
}

export function TextList() {
  const { t } = useTranslation("mailbox");
  const texts = useTexts();
  const reply = useReplyToText();
  const send = (from, body) => {
    if (!reply.isPending) reply.mutate({ from, body });
  };
  let content;
  if (texts.isPending) content = <p className="muted">{t("texts.reading")}</p>;
  else if (!texts.data) content = <ErrorMessage error={texts.error} title={t("texts.readFailed")} onRetry={() => texts.refetch()} />;
  else if (!texts.data.texts?.length) {
    content = (
      <EmptyState title={t("texts.none")}>
        <p className="muted">{t("texts.noneHelp")}</p>
      </EmptyState>
    );
  } else {
    content = (
      <ul className="text-list">
        {texts.data.texts.map((text) => (
          <li key={text.id} className="card text-item">
            <p className="small-text muted">
              <Trans t={t} i18nKey="texts.toWhen" values={{ to: text.to, when: formatDateTime(text.sent_at) }} components={{ number: <span className="text-to" />, time: <time dateTime={text.sent_at} /> }} />
            </p>
            <p className="text-body">{text.body}</p>
            <div className="text-replies">
              {REPLIES.map((word) => (
                <button key={word} type="button" className="button-link" aria-label={t("texts.replyFrom", { word, from: text.to })} onClick={() => send(text.to, word)}>
                  {t("texts.reply", { word })}
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
      <h2 id="texts-heading">{t("texts.heading")}</h2>
      <ReplyOutcome reply={reply} />
      {content}
    </section>
  );
}
