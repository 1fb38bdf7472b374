/** /facilitator/approvals: the requests to book my events that require approval, oldest first, each with the person's
 *  answers; Approve, or Decline with a message emailed to them (asked for in a dialog). */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { EventTime } from "../../../components/EventTime.jsx";
import { EmptyState, ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useApprovals, useApprove, useDecline } from "../approvals-api.js";
import { answerText, decisionErrorText, seatsText } from "../approvals.js";
import { BackLink } from "./BackLink.jsx";
import "../programme.css";

const MESSAGE_MAX = 2000; // the server's limit

function RequestCard({ request, busy, onApprove, onDecline }) {
  const { t } = useTranslation("programme");
  const titleId = `request-${request.booking_id}-title`;
  const event = request.event ?? {};
  return (
    <li className="card approval-card">
      <article aria-labelledby={titleId}>
        <h2 id={titleId}>
          {request.person.name} <span className="muted small-text">{request.person.email}</span>
        </h2>
        <p>
          <strong>{event.title}</strong>, <EventTime start={request.session.starts_at} end={request.session.ends_at} timeZone={event.timezone} />
        </p>
        <p className="muted small-text">
          {t("approvalsPage.requestLine", {
            seats: seatsText(request),
            asked: formatDateTime(request.requested_at, { label: true }),
            until: formatDateTime(request.hold_until, { label: true }),
          })}
        </p>
        {request.answers.length > 0 && (
          <dl className="approval-answers">
            {request.answers.map((answer) => (
              <div key={answer.question_id}>
                <dt>{answer.label}</dt>
                <dd>{answerText(answer)}</dd>
              </div>
            ))}
          </dl>
        )}
        <div className="actions">
          <button type="button" className="button primary small" onClick={() => onApprove(request)} disabled={busy} aria-describedby={titleId}>
            {t("approvalsPage.approve")}
          </button>
          <button type="button" className="button secondary small" onClick={() => onDecline(request)} disabled={busy} aria-describedby={titleId}>
            {t("approvalsPage.decline")}
          </button>
        </div>
      </article>
    </li>
  );
}

function DeclineDialog({ request, busy, onConfirm, onCancel }) {
  const { t } = useTranslation("programme");
  const id = useId();
  const [message, setMessage] = useState("");
  const [error, setError] = useState(null);
  const confirm = () => {
    if (!message.trim()) setError(t("approvalsPage.messageMissing"));
    else onConfirm(message.trim());
  };
  return (
    <ConfirmDialog title={t("approvalsPage.declineTitle", { name: request.person.name })} confirmLabel={t("approvalsPage.declineConfirm")} cancelLabel={t("approvalsPage.declineKeep")} danger busy={busy} onConfirm={confirm} onCancel={onCancel}>
      <p>{t("approvalsPage.declineText")}</p>
      <div className="field">
        <label htmlFor={id}>{t("approvalsPage.messageTo", { name: request.person.name })}</label>
        <textarea
          id={id}
          value={message}
          maxLength={MESSAGE_MAX}
          onChange={(event) => {
            setMessage(event.target.value);
            setError(null);
          }}
          aria-invalid={error ? "true" : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error && (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        )}
      </div>
    </ConfirmDialog>
  );
}

export function ApprovalsPage() {
  const { t } = useTranslation("programme");
  usePageTitle(t("approvalsPage.title"));
  const requests = useApprovals();
  const approve = useApprove();
  const decline = useDecline();
  const [declining, setDeclining] = useState(null);
  const [notice, setNotice] = useState(null);
  const [failure, setFailure] = useState(null);
  const busy = approve.isPending || decline.isPending;

  const settle = (text) => ({
    onSuccess: () => {
      setFailure(null);
      setNotice(text);
    },
    onError: (error) => {
      setNotice(null);
      setFailure({ message: decisionErrorText(error) });
    },
  });
  const onApprove = (request) => {
    const paid = request.session.price > 0;
    approve.mutate(request.booking_id, settle(paid ? t("approvalsPage.approvedPaid", { name: request.person.name }) : t("approvalsPage.approved", { name: request.person.name })));
  };
  const confirmDecline = (message) =>
    decline.mutate(
      { bookingId: declining.booking_id, message },
      { ...settle(t("approvalsPage.declined", { name: declining.person.name })), onSettled: () => setDeclining(null) },
    );

  let list;
  if (requests.isPending) list = <Loading label={t("approvalsPage.loading")} />;
  else if (requests.isError) list = <ErrorMessage error={requests.error} title={t("approvalsPage.loadFailed")} onRetry={() => requests.refetch()} />;
  else if (requests.data.length === 0) list = <EmptyState title={t("approvalsPage.none")} />;
  else {
    list = (
      <ul className="approval-list">
        {requests.data.map((request) => (
          <RequestCard key={request.booking_id} request={request} busy={busy} onApprove={onApprove} onDecline={setDeclining} />
        ))}
      </ul>
    );
  }

  return (
    <section className="page">
      <BackLink />
      <h1>{t("approvalsPage.title")}</h1>
      <p className="muted">
        {t("approvalsPage.intro")}
      </p>
      <SuccessMessage>{notice}</SuccessMessage>
      <ErrorMessage error={failure} title={t("approvalsPage.failed")} />
      {list}
      {declining && <DeclineDialog request={declining} busy={decline.isPending} onConfirm={confirmDecline} onCancel={() => setDeclining(null)} />}
    </section>
  );
}
