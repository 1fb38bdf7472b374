/** "Sent emails": the studio's marketing emails, newest first, a page at a time (clients.email), each with its
 *  subject, segment, how many it went to, how many unsubscribed with its link, who sent it and when. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { Pagination } from "../../../components/Pagination.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { useStudio } from "../../../lib/studio.jsx";
import { useSentEmails } from "../marketing-api.js";
import { count, marketingError } from "../marketing-words.js";

function SentTable({ items, timeZone }) {
  const { t } = useTranslation("clients");
  return (
    <div className="table-wrap">
      <table className="table-stack sent-emails-table">
        <caption className="visually-hidden">{t("sent.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("sent.subject")}</th>
            <th scope="col">{t("sent.segment")}</th>
            <th scope="col">{t("sent.recipients")}</th>
            <th scope="col">{t("sent.unsubscribed")}</th>
            <th scope="col">{t("sent.sentBy")}</th>
            <th scope="col">{t("sent.sent")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((sent) => (
            <tr key={sent.id}>
              <th scope="row">{sent.subject}</th>
              <td data-label={t("sent.segmentLabel")}>{sent.segment?.name ?? ""}</td>
              <td data-label={t("sent.recipientsLabel")}>{count(sent.recipients)}</td>
              <td data-label={t("sent.unsubscribedLabel")}>{count(sent.unsubscribed)}</td>
              <td data-label={t("sent.sentByLabel")}>{sent.sent_by?.name ?? ""}</td>
              <td data-label={t("sent.sentLabel")}>{formatDateTime(sent.created_at, { timeZone, label: true })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SentBody({ sent, timeZone, onPage }) {
  const { t } = useTranslation("clients");
  if (sent.isPending) return <Loading label={t("sent.loading")} />;
  if (sent.error) return <ErrorMessage error={marketingError(sent.error)} title={t("sent.loadFailed")} onRetry={() => sent.refetch()} />;
  const { items, page, pages } = sent.data;
  if (!items.length) return <EmptyState title={t("sent.none")} />;
  return (
    <>
      <SentTable items={items} timeZone={timeZone} />
      <Pagination label={t("sent.pages")} page={page} pages={pages} busy={sent.isFetching} onPage={onPage} />
    </>
  );
}

export function SentEmails() {
  const { t } = useTranslation("clients");
  const { studio } = useStudio();
  const [page, setPage] = useState(1);
  const sent = useSentEmails(page);
  return (
    <section className="sent-emails" aria-labelledby="sent-emails-title">
      <h2 id="sent-emails-title">{t("sent.heading")}</h2>
      <p className="muted small-text">{t("sent.intro")}</p>
      <SentBody sent={sent} timeZone={studio?.timezone} onPage={setPage} />
    </section>
  );
}
