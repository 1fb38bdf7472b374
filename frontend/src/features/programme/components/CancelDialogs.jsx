/** Confirming the cancellation of an event or of one session: who will be emailed, an optional reason, a refusal. */
import { useState } from "react";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { formatEventRange } from "../../../lib/format.js";
import { useCancelEvent, useCancelSession } from "../api.js";
import { activeBookings } from "../schedule.js";
import { refundLine, toldLine } from "../wording.js";
import { ReasonField } from "./ReasonField.jsx";

/** what: "event" | "session"; cancel: its mutation ({reason} → {bookings_cancelled}); children: who is affected. */
function CancelDialog({ what, cancel, onCancelled, onClose, children }) {
  const [reason, setReason] = useState("");
  // The promise, not mutate's own onSuccess: that one is dropped when the dialog unmounts first, as it does when a
  // live update shows the page the cancelled event before the answer arrives. A refusal shows as cancel.error.
  const confirm = () =>
    cancel.mutateAsync({ reason: reason.trim() }).then(
      (answer) => onCancelled(answer.bookings_cancelled ?? 0),
      () => {},
    );
  return (
    <ConfirmDialog
      title={`Cancel this ${what}?`}
      confirmLabel={`Cancel ${what}`}
      cancelLabel={`Keep ${what}`}
      danger
      busy={cancel.isPending}
      onConfirm={confirm}
      onCancel={onClose}
    >
      <p>{children}</p>
      <ReasonField value={reason} onChange={setReason} disabled={cancel.isPending} />
      <ErrorMessage error={cancel.error} title={`The ${what} was not cancelled.`} />
    </ConfirmDialog>
  );
}

export function CancelEventDialog({ event, onCancelled, onClose }) {
  const cancel = useCancelEvent(event.id);
  return (
    <CancelDialog what="event" cancel={cancel} onCancelled={onCancelled} onClose={onClose}>
      <strong>{event.title}</strong> and all its sessions will be cancelled.{" "}
      {toldLine(activeBookings(event), "Nobody has booked yet.")}
      {refundLine(event.sessions ?? [])}
    </CancelDialog>
  );
}

/** timeZone: the event's, which the session's time reads in. */
export function CancelSessionDialog({ session, timeZone, onCancelled, onClose }) {
  const cancel = useCancelSession(session.id);
  return (
    <CancelDialog what="session" cancel={cancel} onCancelled={onCancelled} onClose={onClose}>
      The session on <strong>{formatEventRange(session.starts_at, session.ends_at, timeZone)}</strong> will be cancelled.{" "}
      {toldLine(session.seats_taken, "Nobody has booked this session yet.")}
      {refundLine([session])}
    </CancelDialog>
  );
}
