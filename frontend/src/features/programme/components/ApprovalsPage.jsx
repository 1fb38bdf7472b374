/** /facilitator/approvals: the requests to book my events that require approval, oldest first, each with the person's
 *  answers; Approve, or Decline with a message emailed to them (asked for in a dialog). */
import { useId, useState } from "react";
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
          {seatsText(request)} · asked {formatDateTime(request.requested_at, { label: true })} · seat held until {formatDateTime(request.hold_until, { label: true })}
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
            Approve
          </button>
          <button type="button" className="button secondary small" onClick={() => onDecline(request)} disabled={busy} aria-describedby={titleId}>
            Decline
          </button>
        </div>
      </article>
    </li>
  );
}

function DeclineDialog({ request, busy, onConfirm, onCancel }) {
  const id = useId();
  const [message, setMessage] = useState("");
  const [error, setError] = useState(null);
  const confirm = () => {
    if (!message.trim()) setError("Write a message: it is emailed to them.");
    else onConfirm(message.trim());
  };
  return (
    <ConfirmDialog title={`Decline ${request.person.name}'s request?`} confirmLabel="Decline request" cancelLabel="Keep it" danger busy={busy} onConfirm={confirm} onCancel={onCancel}>
      <p>Their seat goes back to others (the waiting list first), and they are emailed your message.</p>
      <div className="field">
        <label htmlFor={id}>Message to {request.person.name}</label>
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
  usePageTitle("Approvals");
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
    approve.mutate(request.booking_id, settle(paid ? `${request.person.name} is approved and has been emailed the link to pay.` : `${request.person.name} is booked.`));
  };
  const confirmDecline = (message) =>
    decline.mutate(
      { bookingId: declining.booking_id, message },
      { ...settle(`${declining.person.name}'s request is declined; they have been emailed your message.`), onSettled: () => setDeclining(null) },
    );

  let list;
  if (requests.isPending) list = <Loading label="Loading the requests…" />;
  else if (requests.isError) list = <ErrorMessage error={requests.error} title="Couldn't load the requests." onRetry={() => requests.refetch()} />;
  else if (requests.data.length === 0) list = <EmptyState title="No requests are waiting for you." />;
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
      <h1>Approvals</h1>
      <p className="muted">
        For events where bookings need your approval: each request holds its seats until you decide, or until its hold ends. Approving a paid one asks the person to pay; declining frees the seats.
      </p>
      <SuccessMessage>{notice}</SuccessMessage>
      <ErrorMessage error={failure} title="The decision was not made." />
      {list}
      {declining && <DeclineDialog request={declining} busy={decline.isPending} onConfirm={confirmDecline} onCancel={() => setDeclining(null)} />}
    </section>
  );
}
