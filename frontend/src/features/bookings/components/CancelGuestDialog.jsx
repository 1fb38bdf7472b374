/** Confirming that one guest's seat is given back: who, what happens to the money, and that the rest stays booked. */
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { guestCancelMoneyText } from "../payment-status.js";

export function CancelGuestDialog({ booking, guest, busy, onConfirm, onCancel }) {
  const money = guestCancelMoneyText(booking);
  return (
    <ConfirmDialog title={`Cancel ${guest.name}'s seat?`} confirmLabel="Yes, give it back" cancelLabel="Keep the seat" danger busy={busy} onConfirm={onConfirm} onCancel={onCancel}>
      <p>
        {guest.name}'s seat in <strong>{booking.event?.title}</strong> goes back, to the waiting list first. Your own seat
        {booking.seats > 2 ? " and your other guests' stay" : " stays"} booked.
      </p>
      {guest.email && <p className="muted">{guest.name} gets an email saying the seat is cancelled.</p>}
      {money && <p className="booking-terms">{money}</p>}
    </ConfirmDialog>
  );
}
