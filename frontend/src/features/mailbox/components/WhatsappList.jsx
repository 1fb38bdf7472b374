/** The mailbox page's "WhatsApp": the conversations of the stand-in for Meta's Cloud API that `python3 dev.py run`
 *  starts, one per person's number, newest first: what we sent (a template's name and language, its words as the person
 *  reads them) and what they wrote, with the statuses Meta reported; and a box to write as that person (any words, in
 *  any language) or Send STOP, which the stand-in passes to the main API as Meta's signed webhook. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorMessage } from "../../../components/Feedback.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { isStandInDown, useWhatsapp, useWriteOnWhatsapp } from "../api.js";

const STOP = "STOP";
const TEXT_LIMIT = 4096; // characters of a WhatsApp text, Meta's limit

/** What the last message written here did: who wrote what (or why it was not taken). */
function WriteOutcome({ write }) {
  const { t } = useTranslation("mailbox");
  if (write.isError) return <ErrorMessage error={write.error} title={t("whatsapp.notTaken")} />;
  const sent = write.isSuccess ? write.variables : null;
  return (
    <p role="status" className="small-text text-reply-outcome">
      {sent && t("whatsapp.written", { from: `+${sent.waId}`, text: sent.text })}
    </p>
  );
}

/** One message: ours (a template, or free-form words) or theirs, when, its words and its statuses. */
function Line({ line }) {
  const { t } = useTranslation("mailbox");
  const when = new Date(line.timestamp * 1000).toISOString();
  let what = t("whatsapp.theirs");
  if (line.direction === "out") what = line.template ? t("whatsapp.template", { name: line.template.name, language: line.template.language }) : t("whatsapp.freeForm");
  const statuses = line.statuses.map((status) => t("whatsapp.status", { status })).join(" → ");
  return (
    <li className={`whatsapp-line whatsapp-${line.direction}`}>
      <p className="small-text muted">
        {what} · <time dateTime={when}>{formatDateTime(when)}</time>
      </p>
      <p className="text-body" lang={line.template?.language}>
        {line.text}
      </p>
      {(statuses || line.errors.length > 0) && (
        <p className="small-text muted">
          {statuses}
          {line.errors.length > 0 && ` ${t("whatsapp.errors", { codes: line.errors.join(", ") })}`}
        </p>
      )}
    </li>
  );
}

function Conversation({ conversation, write, send }) {
  const { t } = useTranslation("mailbox");
  const [text, setText] = useState("");
  const number = `+${conversation.wa_id}`;
  const submit = (event) => {
    event.preventDefault();
    if (text.trim()) send(conversation, text.trim(), () => setText(""));
  };
  const boxId = `whatsapp-write-${conversation.phone_number_id}-${conversation.wa_id}`;
  return (
    <li className="card whatsapp-conversation" aria-label={t("whatsapp.with", { number })}>
      <h3>{t("whatsapp.between", { number, business: `+${conversation.display_phone_number}` })}</h3>
      <ol className="whatsapp-lines">
        {conversation.messages.map((line) => (
          <Line key={line.id} line={line} />
        ))}
      </ol>
      <form className="whatsapp-write" onSubmit={submit}>
        <label htmlFor={boxId}>{t("whatsapp.writeAs", { number })}</label>
        <textarea id={boxId} rows={2} maxLength={TEXT_LIMIT} value={text} onChange={(event) => setText(event.target.value)} />
        <div className="text-replies">
          <button type="submit" className="button" disabled={!text.trim()} aria-busy={write.isPending}>
            {t("whatsapp.send")}
          </button>
          <button type="button" className="button secondary" aria-label={t("whatsapp.stopFrom", { number })} onClick={() => send(conversation, STOP)}>
            {t("whatsapp.sendStop")}
          </button>
        </div>
      </form>
    </li>
  );
}

export function WhatsappList() {
  const { t } = useTranslation("mailbox");
  const whatsapp = useWhatsapp();
  const write = useWriteOnWhatsapp();
  const send = (conversation, text, done) => {
    if (write.isPending) return;
    write.mutate({ waId: conversation.wa_id, text, businessNumberId: conversation.phone_number_id }, { onSuccess: done });
  };
  let content;
  if (whatsapp.isPending) content = <p className="muted">{t("whatsapp.reading")}</p>;
  else if (whatsapp.isError && isStandInDown(whatsapp.error)) {
    content = (
      <EmptyState title={t("whatsapp.down")}>
        <p className="muted">{t("whatsapp.downHelp")}</p>
      </EmptyState>
    );
  } else if (!whatsapp.data) content = <ErrorMessage error={whatsapp.error} title={t("whatsapp.readFailed")} onRetry={() => whatsapp.refetch()} />;
  else if (!whatsapp.data.conversations?.length) {
    content = (
      <EmptyState title={t("whatsapp.none")}>
        <p className="muted">{t("whatsapp.noneHelp")}</p>
      </EmptyState>
    );
  } else {
    content = (
      <ul className="text-list">
        {whatsapp.data.conversations.map((conversation) => (
          <Conversation key={`${conversation.phone_number_id}-${conversation.wa_id}`} conversation={conversation} write={write} send={send} />
        ))}
      </ul>
    );
  }
  return (
    <section aria-labelledby="whatsapp-heading" className="mailbox-texts">
      <h2 id="whatsapp-heading">{t("whatsapp.heading")}</h2>
      <WriteOutcome write={write} />
      {content}
    </section>
  );
}
