/** A client's WhatsApp on their page (clients.whatsapp): whether an answer can reach them now (the 24-hour window
 *  their last message opened, or STOP), the conversation of the timeline's page with the answers sent since, and a
 *  box to answer in while the window is open. The main API refuses an answer it can't send (409) before anything
 *  reaches WhatsApp; the panel says why and reads the window again. */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { Field } from "../../../components/Field.jsx";
import { useAuth } from "../../../lib/auth.jsx";
import { formatDateTime, formatNumber } from "../../../lib/format.js";
import { useStudio } from "../../../lib/studio.jsx";
import { MAX_ANSWER, useClientWhatsapp, useSendWhatsapp } from "../api.js";
import { answerError, windowState, windowText } from "../wording.js";
import "../whatsapp.css";

const TYPES = new Set(["whatsapp_received", "whatsapp_answered"]);

/** The timeline page's WhatsApp entries, oldest first, then the answers sent here that it doesn't hold yet. */
function conversation(timeline, sent) {
  const entries = (timeline?.items ?? []).filter((entry) => TYPES.has(entry.type)).reverse();
  const held = new Set(entries.map((entry) => entry.whatsapp?.message_id).filter(Boolean));
  const fresh = sent.filter((answer) => !held.has(answer.message_id));
  return [
    ...entries.map((entry) => ({
      key: `entry-${entry.id}`,
      mine: entry.type === "whatsapp_answered",
      text: entry.whatsapp?.text ?? entry.message ?? "",
      by: entry.whatsapp?.sent_by?.name ?? null,
      at: entry.occurred_at ?? entry.received_at,
    })),
    ...fresh.map((answer) => ({ key: `sent-${answer.message_id}`, mine: true, text: answer.text, by: answer.by, at: answer.at })),
  ];
}

function Conversation({ messages, name, timeZone }) {
  const { t } = useTranslation("whatsapp");
  if (!messages.length) return <p className="muted">{t("panel.noMessages")}</p>;
  return (
    <ol className="whatsapp-conversation" aria-label={t("panel.conversation", { name })}>
      {messages.map((message) => (
        <li key={message.key} className={message.mine ? "whatsapp-answer" : "whatsapp-received"}>
          <p className="whatsapp-who small-text muted">
            {message.mine ? t("panel.answeredBy", { who: message.by ?? t("panel.theStudio") }) : t("panel.fromClient", { name })}
            {message.at && (
              <>
                {" · "}
                <time dateTime={message.at}>{formatDateTime(message.at, { timeZone, label: true })}</time>
              </>
            )}
          </p>
          <p className="whatsapp-text">{message.text}</p>
        </li>
      ))}
    </ol>
  );
}

/** The answer's box: 1 to 4096 characters, counted as typed. */
function AnswerForm({ name, send, onSent }) {
  const { t } = useTranslation("whatsapp");
  const id = useId();
  const [text, setText] = useState("");
  const [fieldError, setFieldError] = useState(null);
  const submit = (event) => {
    event.preventDefault();
    if (!text.trim()) return setFieldError(t("panel.empty"));
    setFieldError(null);
    if (send.isPending) return;
    const answer = text.trim();
    send.mutate(answer, {
      onSuccess: (sent) => {
        onSent({ ...sent, text: answer });
        setText("");
      },
    });
  };
  return (
    <form onSubmit={submit} className="whatsapp-answer-form" aria-label={t("panel.formLabel", { name })}>
      <Field id={`${id}-answer`} label={t("panel.answerLabel", { name })} hint={t("panel.counter", { count: formatNumber(text.length), most: formatNumber(MAX_ANSWER) })} error={fieldError}>
        {(control) => <textarea {...control} rows={3} maxLength={MAX_ANSWER} value={text} onChange={(event) => setText(event.target.value)} />}
      </Field>
      <p className="actions">
        <button type="submit" className="button primary" aria-disabled={send.isPending || undefined}>
          {send.isPending ? t("panel.sending") : t("panel.send")}
        </button>
      </p>
    </form>
  );
}

/** Who they are on WhatsApp: the number's last digits and whether they opted in to messages about bookings. */
function NumberLine({ state }) {
  const { t } = useTranslation("whatsapp");
  const consent = state.opted_in ? t("panel.optedIn") : t("panel.notOptedIn");
  return <p className="muted small-text">{state.number_hint ? t("panel.numberAnd", { hint: state.number_hint, consent }) : consent}</p>;
}

function Body({ state, userId, name, timeline, timeZone, onAnswered }) {
  const { t } = useTranslation("whatsapp");
  const { user } = useAuth();
  const send = useSendWhatsapp(userId, onAnswered);
  const [sent, setSent] = useState([]); // answers sent from this page, until the timeline holds them
  const onSent = (answer) => setSent((before) => [...before, { message_id: answer.message_id, text: answer.text, by: user?.name ?? null, at: new Date().toISOString() }]);
  const which = windowState(state);
  const notConnected = which === "open" && !state.can_answer;
  return (
    <>
      <NumberLine state={state} />
      <p className={`whatsapp-window whatsapp-window-${which}`}>{windowText(state, name, timeZone)}</p>
      {notConnected && <p className="muted">{t("refused.notConnected")}</p>}
      <Conversation messages={conversation(timeline, sent)} name={name} timeZone={timeZone} />
      <SuccessMessage>{send.isSuccess && !send.isPending ? t("panel.sent", { name }) : null}</SuccessMessage>
      <ErrorMessage error={answerError(send.error, name)} title={t("panel.notSent")} />
      {state.can_answer && <AnswerForm name={name} send={send} onSent={onSent} />}
    </>
  );
}

/** For clients.whatsapp only. userId: the client's main-API id (the CRM profile's user_id); name: theirs in words;
 *  timeline: the profile's page of it; timeZone: the studio's; onAnswered(): an answer went (reload the timeline). */
export function ClientWhatsapp({ userId, name, timeline, timeZone, onAnswered }) {
  const { can } = useStudio();
  if (!can("clients.whatsapp") || userId == null) return null;
  return <Panel userId={userId} name={name} timeline={timeline} timeZone={timeZone} onAnswered={onAnswered} />;
}

function Panel({ userId, name, timeline, timeZone, onAnswered }) {
  const { t } = useTranslation("whatsapp");
  const state = useClientWhatsapp(userId);
  let body;
  if (state.isPending) body = <Loading label={t("panel.loading")} />;
  else if (state.isError) body = <ErrorMessage error={answerError(state.error, name)} title={t("panel.notLoaded")} onRetry={() => state.refetch()} />;
  else body = <Body state={state.data} userId={userId} name={name} timeline={timeline} timeZone={timeZone} onAnswered={onAnswered} />;
  return (
    <section aria-labelledby="client-whatsapp" className="client-whatsapp">
      <h2 id="client-whatsapp">{t("panel.heading")}</h2>
      {body}
    </section>
  );
}
