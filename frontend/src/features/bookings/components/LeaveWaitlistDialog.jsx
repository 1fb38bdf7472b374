/** Confirming that one leaves a waiting list (from the event page or My bookings): the place is lost. */
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { formatEventRange } from "../../../lib/format.js";

/** place: {position, session, event}, as GET /bookings lists it under `waiting`. */
export function LeaveWaitlistDialog({ place, busy, onConfirm, onCancel }) {
  return (
    <ConfirmDialog title="Leave the waiting list?" confirmLabel="Yes, leave it" cancelLabel="Stay in line" danger busy={busy} onConfirm={onConfirm} onCancel={onCancel}>
      <p>
        You're number {place.position} in line for <strong>{place.event?.title}</strong> on{" "}
        {formatEventRange(place.session?.starts_at, place.session?.ends_at, place.event?.timezone)}.
      </p>
      <p className="muted">If you leave, you lose your place; joining again puts you at the end of the line.</p>
    </ConfirmDialog>
  );
}
