/** One email of the mailbox: its headers, its HTML in a sandboxed frame (no scripts, no forms, its own origin) or its
 *  plain text, and the names of its attachments. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { useApi } from "../../../lib/auth.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { isNoMailbox, useMailboxMessage } from "../api.js";
import { formatSize, shownHeaders, subjectOf } from "../mail-display.js";

function Headers({ message }) {
  return (
    <dl className="mail-headers">
      {shownHeaders(message).map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{name === "Date" ? formatDateTime(value, { label: true }) : value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Attachments({ attachments = [] }) {
  const { t } = useTranslation("mailbox");
  return (
    <section aria-labelledby="mail-attachments-heading" className="mail-attachments">
      <h3 id="mail-attachments-heading">{t("message.attachments")}</h3>
      {attachments.length === 0 ? (
        <p className="muted small-text">{t("message.noAttachments")}</p>
      ) : (
        <ul>
          {attachments.map((attachment, index) => (
            <li key={`${attachment.filename}-${index}`}>
              <span className="mail-attachment-name">{attachment.filename || t("message.unnamed")}</span>{" "}
              <span className="muted small-text">
                {[attachment.content_type, formatSize(attachment.size)].filter(Boolean).join(", ")}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The message's body: HTML (when it has some) or plain text, with a toggle between the two. */
function Body({ message }) {
  const { t } = useTranslation("mailbox");
  const { main } = useApi();
  const hasHtml = Boolean(message.html);
  const [view, setView] = useState(hasHtml ? "html" : "text");
  const subject = subjectOf(message);
  return (
    <div className="mail-body">
      <div role="group" aria-label={t("message.showAs")} className="mail-views">
        <button type="button" className="button secondary small" aria-pressed={view === "html"} onClick={() => setView("html")} disabled={!hasHtml}>
          HTML
        </button>
        <button type="button" className="button secondary small" aria-pressed={view === "text"} onClick={() => setView("text")}>
          {t("message.plainText")}
        </button>
        {!hasHtml && <span className="muted small-text">{t("message.noHtml")}</span>}
      </div>
      {view === "html" ? (
        // Served by the main API with its own policy (inline styles, no scripts; a srcDoc frame would inherit this
        // page's, which blocks the email's inline styles). sandbox="": no scripts, forms, pop-ups or same-origin
        // access; its links go nowhere.
        <iframe
          className="mail-html"
          title={t("message.htmlOf", { subject })}
          sandbox=""
          src={main.url(`/dev/mailbox/${encodeURIComponent(message.id)}/body.html`)}
          referrerPolicy="no-referrer"
        />
      ) : (
        <pre className="mail-text">{message.text || t("message.noText")}</pre>
      )}
    </div>
  );
}

/** id: the message to show (from the URL); none: a prompt to pick one. */
export function MessageView({ id }) {
  const { t } = useTranslation("mailbox");
  const message = useMailboxMessage(id);
  if (!id) return <p className="muted mail-placeholder">{t("message.choose")}</p>;
  if (message.isPending) return <Loading label={t("message.opening")} />;
  if (message.isError) {
    const gone = isNoMailbox(message.error);
    return (
      <ErrorMessage
        error={gone ? { message: t("message.gone") } : message.error}
        title={t("message.openFailed")}
        onRetry={gone ? undefined : () => message.refetch()}
      />
    );
  }
  const data = message.data;
  return (
    <article aria-labelledby="mail-message-subject" className="card mail-message">
      <h2 id="mail-message-subject">{subjectOf(data)}</h2>
      <Headers message={data} />
      {/* Keyed by the message: a new one starts on its HTML again. */}
      <Body key={data.id} message={data} />
      <Attachments attachments={data.attachments} />
    </article>
  );
}
