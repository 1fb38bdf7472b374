/** Booking a seat from an event page: each session's action (Book, Log in to book, Booked ✓), the confirmation and
 *  the outcome. The app layer puts it under the event page's "Sessions" heading. */
import { useState } from "react";
import { Link, useLocation } from "react-router";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { EventTime } from "../../../components/EventTime.jsx";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { useAuth } from "../../../lib/auth.jsx";
import { paths } from "../../../lib/paths.js";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { useBookSession, useMyBookings } from "../api.js";
import { activeSessionIds, BOOK_ERROR_TEXT, errorText } from "../booking-status.js";
import { AddToCalendar } from "./AddToCalendar.jsx";
import { ReminderLine } from "./ReminderLine.jsx";
import "../bookings.css";

function viewerOf(user) {
  if (!user) return "guest";
  return user.role === "user" ? "user" : "staff";
}

/** The answer to booking, or the failure; a booking made says where its confirmation goes, when its reminders will,
 *  and how to add it to a calendar. email: the signed-in person's, when the session knows it. */
function BookingOutcome({ outcome, email }) {
  const ref = useFocusOnAppear(outcome); // the dialog that had focus is gone
  if (!outcome) return null;
  return (
    <div ref={ref} tabIndex={-1} className="outcome">
      {outcome.booked ? (
        <>
          <SuccessMessage>
            You're booked! See it in <Link to={paths.myBookings}>My bookings</Link>.
            {email && (
              <>
                {" "}
                A confirmation is on its way to <strong className="confirmation-email">{email}</strong>.
              </>
            )}
          </SuccessMessage>
          {outcome.booking && <ReminderLine booking={outcome.booking} />}
          {outcome.booking && <AddToCalendar booking={outcome.booking} />}
        </>
      ) : (
        <div className="alert alert-error" role="alert">
          {errorText(outcome.error, BOOK_ERROR_TEXT)}
          {outcome.error.code === "already_booked" && (
            <>
              {" "}
              <Link to={paths.myBookings}>Go to My bookings</Link>
            </>
          )}
        </div>
      )}
    </div>
  );
}

/** event: the event shown; sessionsTable(sessionAction): the event page's table, with this flow's action per row. */
export function EventBooking({ event, sessionsTable }) {
  const { user } = useAuth();
  const location = useLocation();
  const viewer = viewerOf(user);
  const bookingsQuery = useMyBookings({ enabled: viewer === "user" });
  const book = useBookSession();
  const [confirming, setConfirming] = useState(null);
  const [outcome, setOutcome] = useState(null);
  const bookedIds = activeSessionIds(bookingsQuery.data);
  const busy = book.isPending || (viewer === "user" && bookingsQuery.isPending);

  const startBooking = (session) => {
    setOutcome(null);
    setConfirming(session);
  };
  const confirmBooking = () => {
    const session = confirming;
    book.mutate(session.id, {
      // The answer is the booking with its session and event; the ones shown here fill in anything it leaves out.
      onSuccess: (booking) => setOutcome({ booked: true, booking: booking?.id ? { ...booking, session: booking.session ?? session, event: booking.event ?? event } : null }),
      onError: (error) => setOutcome({ error }),
      onSettled: () => setConfirming(null),
    });
  };

  const sessionAction = (session, availability, whenId) => {
    if (viewer === "user" && bookedIds.has(session.id)) return <span className="booked-mark">Booked ✓</span>;
    if (!availability.bookable || viewer === "staff") return null;
    if (viewer === "guest") {
      return (
        <Link to={paths.login} state={{ from: `${location.pathname}${location.search}` }} className="button primary small" aria-describedby={whenId}>
          Log in to book
        </Link>
      );
    }
    return (
      <button type="button" className="button primary small" onClick={() => startBooking(session)} disabled={busy} aria-describedby={whenId}>
        Book
      </button>
    );
  };

  return (
    <>
      {viewer === "staff" && <p className="muted">Booking needs a user account.</p>}
      {bookingsQuery.isError && <ErrorMessage error={bookingsQuery.error} title="Couldn't check your bookings." onRetry={() => bookingsQuery.refetch()} />}
      <BookingOutcome outcome={outcome} email={user?.email} />
      {sessionsTable(sessionAction)}
      {confirming && (
        <ConfirmDialog
          title="Book this session?"
          confirmLabel="Confirm booking"
          cancelLabel="Not now"
          busy={book.isPending}
          onConfirm={confirmBooking}
          onCancel={() => setConfirming(null)}
        >
          <p>
            <strong>{event.title}</strong>
          </p>
          <p>
            <EventTime start={confirming.starts_at} end={confirming.ends_at} timeZone={event.timezone} />
          </p>
          {event.location && <p className="muted">{event.location}</p>}
        </ConfirmDialog>
      )}
    </>
  );
}
