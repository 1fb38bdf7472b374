/** "Sent emails": the studio's marketing emails, newest first, a page at a time (clients.email), each with its
 *  subject, segment, how many it went to, how many unsubscribed with its link, who sent it and when. */
import { useState } from "react";
import { EmptyState, ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { Pagination } from "../../../components/Pagination.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { useStudio } from "../../../lib/studio.jsx";
import { useSentEmails } from "../marketing-api.js";
import { count, marketingError } from "../marketing-words.js";

function SentTable({ items, timeZone }) {
  return (
    <div className="table-wrap">
      <table className="table-stack sent-emails-table">
        <caption className="visually-hidden">Sent emails</caption>
        <thead>
          <tr>
            <th scope="col">Subject</th>
            <th scope="col">Segment</th>
            <th scope="col">Recipients</th>
            <th scope="col">Unsubscribed</th>
            <th scope="col">Sent by</th>
            <th scope="col">Sent</th>
          </tr>
        </thead>
        <tbody>
          {items.map((sent) => (
            <tr key={sent.id}>
              <th scope="row">{sent.subject}</th>
              <td data-label="Segment:">{sent.segment?.name ?? ""}</td>
              <td data-label="Recipients:">{count(sent.recipients)}</td>
              <td data-label="Unsubscribed:">{count(sent.unsubscribed)}</td>
              <td data-label="Sent by:">{sent.sent_by?.name ?? ""}</td>
              <td data-label="Sent:">{formatDateTime(sent.created_at, { timeZone, label: true })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SentBody({ sent, timeZone, onPage }) {
  if (sent.isPending) return <Loading label="Loading the sent emails…" />;
  if (sent.error) return <ErrorMessage error={marketingError(sent.error)} title="The sent emails could not be loaded." onRetry={() => sent.refetch()} />;
  const { items, page, pages } = sent.data;
  if (!items.length) return <EmptyState title="No email sent to a segment yet." />;
  return (
    <>
      <SentTable items={items} timeZone={timeZone} />
      <Pagination label="Sent emails pages" page={page} pages={pages} busy={sent.isFetching} onPage={onPage} />
    </>
  );
}

export function SentEmails() {
  const { studio } = useStudio();
  const [page, setPage] = useState(1);
  const sent = useSentEmails(page);
  return (
    <section className="sent-emails" aria-labelledby="sent-emails-title">
      <h2 id="sent-emails-title">Sent emails</h2>
      <p className="muted small-text">Emails to a segment, newest first. Unsubscribed: clicks on the email's unsubscribe link.</p>
      <SentBody sent={sent} timeZone={studio?.timezone} onPage={setPage} />
    </section>
  );
}
