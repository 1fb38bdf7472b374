/** A booking's guests on its card: "3 seats: you and 2 guests", each guest with their email, a cancelled one marked
 *  (with its seat's refund), one whose email was not sent said so (the limits of emails to guests, or the guest
 *  stopped them), and (on an active booking ahead, not paid in instalments) a button to give back one guest's seat. */
import { formatAmount } from "../../../lib/money.js";
import { canCancel } from "../booking-status.js";

export const NOT_EMAILED = {
  limit: "not emailed: too many emails to guests for now, tell them yourself",
  unsubscribed: "not emailed: they asked for no emails about seats booked for them",
};

/** What became of a given-back seat's money: " · refund of ₹1,500 on its way", " · refunded ₹1,500", or nothing. */
function seatRefundText(guest, currency) {
  const amount = formatAmount(guest.refund_amount, currency);
  if (guest.refund_status === "initiated") return ` · refund of ${amount} on its way`;
  if (guest.refund_status === "processed") return ` · refunded ${amount}`;
  if (guest.refund_status === "failed") return " · refund failed — we're looking into it";
  return "";
}

export function GuestList({ booking, onCancelGuest, busy, describedBy }) {
  const guests = booking.guests ?? [];
  const seats = booking.seats ?? 1;
  if (guests.length === 0 && seats <= 1) return null;
  // The server names every seat beyond the booker's; a booking without its guests listed still counts them.
  const coming = Math.max(guests.filter((guest) => guest.status === "active").length, seats - 1);
  // A booking paid in instalments gives back its seats together (its schedule prices every seat).
  const canGiveBack = booking.status === "active" && !booking.payment_plan && canCancel(booking) && onCancelGuest;
  return (
    <div className="guest-list">
      <p className="booking-seats">
        {seats} {seats === 1 ? "seat" : "seats"}: you{coming > 0 ? ` and ${coming === 1 ? "1 guest" : `${coming} guests`}` : ""}
      </p>
      {guests.length > 0 && (
        <ul aria-label="Guests">
          {guests.map((guest) => (
            <li key={guest.id} className={guest.status === "active" ? undefined : "guest-cancelled"}>
              <span>
                {guest.name}
                {guest.email && <span className="muted"> · {guest.email}</span>}
                {guest.status !== "active" && (
                  <span className="muted">
                    {" "}
                    · seat given back{seatRefundText(guest, booking.payment?.currency ?? booking.currency)}
                  </span>
                )}
                {guest.email && NOT_EMAILED[guest.email_withheld] && <span className="guest-not-emailed"> · {NOT_EMAILED[guest.email_withheld]}</span>}
              </span>
              {canGiveBack && guest.status === "active" && (
                <button type="button" className="button secondary small" onClick={() => onCancelGuest(booking, guest)} disabled={busy} aria-describedby={describedBy}>
                  Cancel {guest.name}'s seat
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
