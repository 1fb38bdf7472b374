/** Confirms cancelling one session: says who will be told, takes an optional reason. */
import { useState } from "react";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { formatRange } from "../../../lib/format.js";
import { useCancelSession } from "../api.js";
import { toldLine } from "../wording.js";
import { ReasonField } from "./ReasonField.jsx";

export function CancelSessionDialog({ session, onCancelled, onClose }) {
  const [reason, setReason] = useState("");
  const cancelSession = useCancelSession(session.id);
  const confirm = () =>
    cancelSession.mutate({ reason: reason.trim() }, { onSuccess: (answer) => onCancelled(answer.bookings_cancelled ?? 0) });
  return (
    <ConfirmDialog
      title="Cancel this session?"
      confirmLabel="Cancel session"
      cancelLabel="Keep session"
      danger
      busy={cancelSession.isPending}
      onConfirm={confirm}
      onCancel={onClose}
    >
      <p>
        The session on <strong>{formatRange(session.starts_at, session.ends_at)}</strong> will be cancelled.{" "}
        {toldLine(session.seats_taken, "Nobody has booked this session yet.")}
      </p>
      <ReasonField value={reason} onChange={setReason} disabled={cancelSession.isPending} />
      <ErrorMessage error={cancelSession.error} title="The session was not cancelled." />
    </ConfirmDialog>
  );
}
