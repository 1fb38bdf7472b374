/** What the signed-in person's family holds in a session, beside it on the event page: Booked ✓ (naming the children
 *  booked), a request waiting for approval, a seat held until paid (Pay now), or places in the waiting list (the
 *  person's and each child's, each with its Leave). */
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

function placeText(t, place) {
  const child = place.for?.name;
  if (child) return t("action.waitingFor", { name: child, position: place.position });
  return place.seats > 1 ? t("action.waitingSeats", { position: place.position, seats: place.seats }) : t("action.waiting", { position: place.position });
}

/** A place in line (the person's or a child's) and its Leave button. */
function PlaceMark({ place, busy, whenId, onLeave }) {
  const { t } = useTranslation("bookings");
  const child = place.for?.name;
  return (
    <div className="waiting-place">
      <span>{placeText(t, place)}</span>
      <button type="button" className="button secondary small" onClick={() => onLeave(place)} disabled={busy} aria-describedby={whenId}>
        {child ? t("action.leaveFor", { name: child }) : t("action.leave")}
      </button>
    </div>
  );
}

/** onLeave(place): the person asks to leave a place in line (theirs, or a child's). */
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
  const places = seats.places.get(session.id) ?? [];
  if (places.length === 1) return <PlaceMark place={places[0]} busy={busy} whenId={whenId} onLeave={onLeave} />;
  if (!places.length) return null;
  return (
    <div className="waiting-place">
      {places.map((place) => (
        <PlaceMark key={place.for?.id ?? "me"} place={place} busy={busy} whenId={whenId} onLeave={onLeave} />
      ))}
    </div>
  );
}
