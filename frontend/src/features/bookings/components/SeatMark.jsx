/** What the signed-in person's family holds in a session, beside it on the event page: Booked ✓ (naming the children
 *  booked), a request waiting for approval, a seat held until paid (Pay now), or a place in the waiting list (Leave). */
import { useTranslation } from "react-i18next";
import { childrenBooked, ME } from "../family-seats.js";
import { PayNowLink } from "./PaymentDue.jsx";

/** seats: the person's {bookedIds, requested, awaitingPayment, places, holders} (booking-status and family-seats). */
export const holdsSomething = (session, seats) =>
  seats.bookedIds.has(session.id) || seats.requested.has(session.id) || seats.awaitingPayment.has(session.id) || seats.places.has(session.id);

function bookedText(t, children, holders) {
  const names = childrenBooked(children, holders);
  if (!names.length) return t("action.booked");
  return t("action.bookedFor", { names: (holders.has(ME) ? [t("forWhom.you"), ...names] : names).join(", ") });
}

/** onLeave(place): the person asks to leave their place in line. */
export function SeatMark({ session, seats, family, busy, whenId, onLeave }) {
  const { t } = useTranslation("bookings");
  if (seats.bookedIds.has(session.id)) return <span className="booked-mark">{bookedText(t, family, seats.holders.get(session.id))}</span>;
  if (seats.requested.has(session.id)) return <span className="booked-mark">{t("action.requested")}</span>;
  const held = seats.awaitingPayment.get(session.id);
  if (held) {
    return (
      <div className="waiting-place">
        <span>{t("action.held")}</span>
        <PayNowLink booking={held} describedBy={whenId} />
      </div>
    );
  }
  const place = seats.places.get(session.id);
  if (!place) return null;
  return (
    <div className="waiting-place">
      <span>{place.seats > 1 ? t("action.waitingSeats", { position: place.position, seats: place.seats }) : t("action.waiting", { position: place.position })}</span>
      <button type="button" className="button secondary small" onClick={() => onLeave(place)} disabled={busy} aria-describedby={whenId}>
        {t("action.leave")}
      </button>
    </div>
  );
}
