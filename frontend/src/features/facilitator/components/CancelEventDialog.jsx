/** Confirms cancelling an event: says who will be told, takes an optional reason. */
import { useState } from "react";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { useCancelEvent } from "../api.js";
import { activeBookings } from "../schedule.js";
import { toldLine } from "../wording.js";
import { ReasonField } from "./ReasonField.jsx";

export function CancelEventDialog({ event, onCancelled, onClose }) {
  const [reason, setReason] = useState("");
  const cancelEvent = useCancelEvent();
  const confirm = () =>
    cancelEvent.mutate(
      { eventId: event.id, reason: reason.trim() },
      { onSuccess: (answer) => onCancelled(answer.bookings_cancelled ?? 0) },
    );
  return (
    <ConfirmDialog
      title="Cancel this event?"
      confirmLabel="Cancel event"
      cancelLabel="Keep event"
      danger
      busy={cancelEvent.isPending}
      onConfirm={confirm}
      onCancel={onClose}
    >
      <p>
        <strong>{event.title}</strong> and all its sessions will be cancelled.{" "}
        {toldLine(activeBookings(event), "Nobody has booked yet.")}
      </p>
      <ReasonField value={reason} onChange={setReason} disabled={cancelEvent.isPending} />
      <ErrorMessage error={cancelEvent.error} title="The event was not cancelled." />
    </ConfirmDialog>
  );
}
