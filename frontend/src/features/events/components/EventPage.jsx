/** /events/:eventId: one event, its details and sessions, and booking a seat with a confirmation. */
import { useState } from "react";
import { Link, useParams } from "react-router";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { useAuth } from "../../../lib/auth.jsx";
import { formatRange } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { activeSessionIds, BOOK_ERROR_TEXT, errorText } from "../../bookings/booking-status.js";
import { useBookSession, useMyBookings } from "../../bookings/api.js";
import { useEvent } from "../api.js";
import { isCancelled, kindLabel } from "../event-display.js";
import { SessionsTable } from "./SessionsTable.jsx";
import "../events.css";

function viewerOf(user) {
  if (!user) return "guest";
  return user.role === "user" ? "user" : "staff";
}

function EventNotFound() {
  return (
    <section className="page narrow">
      <h1>Event not found</h1>
      <p>We couldn't find that event.</p>
      <p>
        <Link to={paths.events}>Back to events</Link>
      </p>
    </section>
  );
}

function BookingOutcome({ outcome }) {
  const ref = useFocusOnAppear(outcome);  // the dialog that had focus is gone
  if (!outcome) return null;
  return (
    <div ref={ref} tabIndex={-1} className="outcome">
      {outcome.booked ? (
        <SuccessMessage>
          You're booked! See it in <Link to={paths.myBookings}>My bookings</Link>.
        </SuccessMessage>
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

export function EventPage() {
  const { eventId } = useParams();
  const { user } = useAuth();
  const viewer = viewerOf(user);
  const eventQuery = useEvent(eventId);
  const bookingsQuery = useMyBookings({ enabled: viewer === "user" });
  const book = useBookSession();
  const [confirming, setConfirming] = useState(null);
  const [outcome, setOutcome] = useState(null);
  const event = eventQuery.data;
  const notFound = eventQuery.isError && eventQuery.error.status === 404 && !event;
  usePageTitle(notFound ? "Event not found" : (event?.title ?? "Event"));

  if (notFound) return <EventNotFound />;
  if (eventQuery.isPending) {
    return (
      <section className="page">
        <Loading label="Loading event…" />
      </section>
    );
  }
  if (eventQuery.isError && !event) {
    return (
      <section className="page">
        <h1>Event</h1>
        <ErrorMessage error={eventQuery.error} title="Couldn't load this event." onRetry={() => eventQuery.refetch()} />
        <p>
          <Link to={paths.events}>Back to events</Link>
        </p>
      </section>
    );
  }

  const startBooking = (session) => {
    setOutcome(null);
    setConfirming(session);
  };
  const confirmBooking = () => {
    book.mutate(confirming.id, {
      onSuccess: () => setOutcome({ booked: true }),
      onError: (error) => setOutcome({ error }),
      onSettled: () => setConfirming(null),
    });
  };

  return (
    <section className="page">
      <Link to={paths.events} className="event-back">
        ← All events
      </Link>
      <h1>{event.title}</h1>
      <div className="event-meta">
        <span className={`pill ${event.kind}`}>{kindLabel(event.kind)}</span>
        {event.facilitator?.name && <span>With {event.facilitator.name}</span>}
        {event.location && <span>{event.location}</span>}
      </div>
      {isCancelled(event) && (
        <div className="alert alert-error" role="note">
          This event has been cancelled.
        </div>
      )}
      {event.description && <p className="event-description">{event.description}</p>}

      <h2>Sessions</h2>
      {eventQuery.isError && <ErrorMessage error={eventQuery.error} title="Couldn't refresh this event." onRetry={() => eventQuery.refetch()} />}
      {viewer === "staff" && <p className="muted">Booking needs a user account.</p>}
      {bookingsQuery.isError && <ErrorMessage error={bookingsQuery.error} title="Couldn't check your bookings." onRetry={() => bookingsQuery.refetch()} />}
      <BookingOutcome outcome={outcome} />
      <SessionsTable
        event={event}
        viewer={viewer}
        bookedIds={activeSessionIds(bookingsQuery.data)}
        onBook={startBooking}
        busy={book.isPending || (viewer === "user" && bookingsQuery.isPending)}
      />

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
          <p>{formatRange(confirming.starts_at, confirming.ends_at)}</p>
          {event.location && <p className="muted">{event.location}</p>}
        </ConfirmDialog>
      )}
    </section>
  );
}
