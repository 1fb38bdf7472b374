/** A booking's guests on its card: "3 seats: you and 2 guests", each guest with their email, a cancelled one marked
 *  (with its seat's refund), one whose email was not sent said so (the limits of emails to guests, or the guest
 *  stopped them), and (on an active booking ahead, not paid in instalments) a button to give back one guest's seat. */
import { useTranslation } from "react-i18next";
import { formatAmount } from "../../../lib/money.js";
import { canCancel } from "../booking-status.js";

/** Why a guest's email was not sent: catalogue keys by the booking's email_withheld. */
const NOT_EMAILED = {
  limit: "guests.notEmailedLimit",
  unsubscribed: "guests.notEmailedUnsubscribed",
};

/** A given-back seat and what became of its money: "seat given back · refund of ₹1,500 on its way", "… · refunded
 *  ₹1,500", or just that it was given back. */
function givenBackText(t, guest, currency) {
  const amount = formatAmount(guest.refund_amount, currency);
  if (guest.refund_status === "initiated") return t("guests.givenBackRefunding", { amount });
  if (guest.refund_status === "processed") return t("guests.givenBackRefunded", { amount });
  if (guest.refund_status === "failed") return t("guests.givenBackRefundFailed");
  return t("guests.givenBack");
}

export function GuestList({ booking, onCancelGuest, busy, describedBy }) {
  const { t } = useTranslation("bookings");
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
        {coming > 0 ? t("guests.seatsWithGuests", { seats, guests: coming }) : t("guests.seatsJustYou", { seats })}
      </p>
      {guests.length > 0 && (
        <ul aria-label={t("guests.label")}>
          {guests.map((guest) => (
            <li key={guest.id} className={guest.status === "active" ? undefined : "guest-cancelled"}>
              <span>
                {guest.name}
                {guest.email && <span className="muted"> · {guest.email}</span>}
                {guest.status !== "active" && (
                  <span className="muted">
                    {" "}
                    · {givenBackText(t, guest, booking.payment?.currency ?? booking.currency)}
                  </span>
                )}
                {guest.email && NOT_EMAILED[guest.email_withheld] && <span className="guest-not-emailed"> · {t(NOT_EMAILED[guest.email_withheld])}</span>}
              </span>
              {canGiveBack && guest.status === "active" && (
                <button type="button" className="button secondary small" onClick={() => onCancelGuest(booking, guest)} disabled={busy} aria-describedby={describedBy}>
                  {t("guests.cancelSeat", { name: guest.name })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
