/** A titled section of booking cards, with a line of its own when it is empty. */
import { BookingCard } from "./BookingCard.jsx";

/** name: the list's name in ids ("upcoming"); title: its heading, in the reader's language. */
export function BookingList({ name, title, bookings, emptyText, busyId, onCancel, onCancelGuest, onReactivate, renderActions }) {
  const headingId = `bookings-${name}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {bookings.length === 0 ? (
        <p className="muted">{emptyText}</p>
      ) : (
        <ul className="stack booking-list">
          {bookings.map((booking) => (
            <BookingCard key={booking.id} booking={booking} busy={busyId === booking.id} onCancel={onCancel} onCancelGuest={onCancelGuest} onReactivate={onReactivate} renderActions={renderActions} />
          ))}
        </ul>
      )}
    </section>
  );
}
