/** A page of a client's timeline: the notifications about them, newest first (an instructor's without money). A
 *  WhatsApp message reads as the client's own words, marked as from WhatsApp; an answer with who sent it. */
import { useTranslation } from "react-i18next";
import { Pagination } from "../../../components/Pagination.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { kindName } from "../wording.js";

/** A WhatsApp entry's words (whatsapp.text, else the CRM's message), an answer's with who sent it. */
function WhatsappWords({ entry }) {
  const { t } = useTranslation("clients");
  const text = entry.whatsapp?.text ?? entry.message ?? "";
  const by = entry.whatsapp?.sent_by?.name;
  return (
    <span className="timeline-message timeline-whatsapp">
      {" "}
      {entry.type === "whatsapp_answered" && by ? t("timeline.answeredBy", { who: by, text }) : t("timeline.quoted", { text })}
    </span>
  );
}

const WHATSAPP = new Set(["whatsapp_received", "whatsapp_answered"]);

/** timeline: the profile's {items, page, pages, total}; onPage(n) shows another page; busy: one is on its way. */
export function ClientTimeline({ timeline, timeZone, onPage, busy }) {
  const { t } = useTranslation("clients");
  const items = timeline?.items ?? [];
  return (
    <section aria-labelledby="client-timeline" className="client-timeline">
      <h2 id="client-timeline">{t("timeline.heading")}</h2>
      {items.length ? (
        <>
          <p className="muted small-text">{t("timeline.total", { count: timeline.total })}</p>
          <ol className="timeline-list" aria-busy={busy || undefined}>
            {items.map((entry) => (
              <li key={entry.id}>
                <time dateTime={entry.occurred_at ?? entry.received_at} className="muted small-text">
                  {formatDateTime(entry.occurred_at ?? entry.received_at, { timeZone, label: true })}
                </time>
                <span className="timeline-kind">{kindName(entry.type)}</span>
                {entry.event_title && <span> · {entry.event_title}</span>}
                {WHATSAPP.has(entry.type) ? <WhatsappWords entry={entry} /> : entry.message && <span className="timeline-message muted"> {entry.message}</span>}
              </li>
            ))}
          </ol>
          <Pagination page={timeline.page} pages={timeline.pages} busy={busy} onPage={onPage} />
        </>
      ) : (
        <p className="muted">{t("timeline.empty")}</p>
      )}
    </section>
  );
}
