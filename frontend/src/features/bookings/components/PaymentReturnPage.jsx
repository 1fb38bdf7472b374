/**
 * /bookings/:bookingId/payment: where the provider's checkout sends the person back (?result=success|cancel). It
 * reads the booking every 1.5 s while its payment is awaited (the provider's webhook confirms it, not this page),
 * for 2 minutes at most, then says it is taking longer than usual. The outcome: booked (with the receipt), the
 * payment declined, or the hold expired, each with a way on; back from an instalment (?instalment=N), that
 * instalment's (InstalmentReturn).
 */
import { useEffect, useState } from "react";
import { Link, useLocation, useNavigate, useParams, useSearchParams } from "react-router";
import { EventTime } from "../../../components/EventTime.jsx";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { useAuth } from "../../../lib/auth.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { formatAmount } from "../../../lib/money.js";
import { paths } from "../../../lib/paths.js";
import { useSecondsUntil } from "../../../lib/use-countdown.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useBookSession, useBooking, usePayBooking } from "../api.js";
import { sameParty } from "../party.js";
import { BOOK_ERROR_TEXT, errorText, PAY_ERROR_TEXT } from "../booking-status.js";
import { goToCheckout } from "../checkout.js";
import { bookingPrice, clockText, paymentOutcome } from "../payment-status.js";
import { instalmentOutcome } from "../payment-plan.js";
import { AddToCalendar } from "./AddToCalendar.jsx";
import { InstalmentReturn } from "./InstalmentReturn.jsx";
import "../bookings.css";

const POLL_MS = 1500;
const POLL_FOR_MS = 120_000;

const isWaiting = (booking) => paymentOutcome(booking) === "waiting";

/** What was booked: the event's title, the session's time on its clocks, and the price. */
function BookingSummary({ booking }) {
  const event = booking.event ?? {};
  const price = bookingPrice(booking);
  return (
    <dl className="payment-facts">
      <div className="wide">
        <dt>Event</dt>
        <dd>
          <Link to={paths.event(event.id ?? booking.session?.event_id)}>{event.title ?? "Event"}</Link>
        </dd>
      </div>
      <div className="wide">
        <dt>When</dt>
        <dd>
          <EventTime start={booking.session?.starts_at} end={booking.session?.ends_at} timeZone={event.timezone} />
        </dd>
      </div>
      {price && (
        <div>
          <dt>{booking.payment?.status === "succeeded" ? "Amount paid" : "Price"}</dt>
          <dd>{formatAmount(price.amount, price.currency)}</dd>
        </div>
      )}
      {booking.payment?.paid_at && (
        <div>
          <dt>Paid on</dt>
          <dd>{formatDateTime(booking.payment.paid_at, { label: true })}</dd>
        </div>
      )}
    </dl>
  );
}

/** The time left on the held seat, live. */
function HoldLeft({ expiresAt }) {
  const seconds = useSecondsUntil(expiresAt);
  if (seconds === null) return null;
  if (seconds === 0) return <p className="hold-left">The hold on your seat has ended: checking whether the payment arrived in time…</p>;
  return (
    <p className="hold-left">
      Your seat is held for <strong className="hold-clock">{clockText(seconds)}</strong> more.
    </p>
  );
}

/** "Try again" (or `label`): a fresh checkout for a booking still holding its seat, else booking the session again. */
function TryAgain({ booking, label = "Try again" }) {
  const navigate = useNavigate();
  const pay = usePayBooking();
  const book = useBookSession();
  const [leaving, setLeaving] = useState(false);
  const holding = booking.status === "pending_payment";
  const mutation = holding ? pay : book;
  const busy = mutation.isPending || leaving;
  const onClick = () => {
    if (busy) return;
    const onSuccess = (answer) => {
      setLeaving(true);
      if (answer?.status === "active") navigate(paths.bookingPayment(answer.id));
      else goToCheckout(answer, navigate);
    };
    if (holding) pay.mutate(booking.id, { onSuccess });
    else book.mutate(sameParty(booking), { onSuccess });
  };
  return (
    <>
      {mutation.error && (
        <div className="alert alert-error" role="alert">
          {errorText(mutation.error, holding ? PAY_ERROR_TEXT : BOOK_ERROR_TEXT)}
        </div>
      )}
      <button type="button" className="button primary" onClick={onClick} aria-disabled={busy || undefined} aria-busy={busy}>
        {busy ? "Opening the payment page…" : label}
      </button>
    </>
  );
}

const eventLink = (booking) => (
  <Link to={paths.event(booking.event?.id ?? booking.session?.event_id)} className="button secondary">
    Back to the event
  </Link>
);

function Waiting({ booking, tooLong, cameBack }) {
  const location = useLocation();
  const checkout = booking.payment?.checkout_url;
  return (
    <>
      <h1>Waiting for your payment</h1>
      {cameBack ? (
        <p role="status">You left the payment page without paying. Your seat stays held until the time runs out.</p>
      ) : (
        <Loading label="Waiting for the payment to be confirmed…" />
      )}
      <HoldLeft expiresAt={booking.payment?.expires_at} />
      {tooLong && !cameBack && (
        <div className="alert payment-slow" role="alert">
          This is taking longer than usual. <a href={`${location.pathname}${location.search}`}>Reload this page</a> to check again; an email
          confirms your booking as soon as the payment arrives.
        </div>
      )}
      <BookingSummary booking={booking} />
      <div className="actions">
        {checkout ? (
          <a className="button primary" href={checkout}>
            Go to payment
          </a>
        ) : (
          <TryAgain booking={booking} label="Go to payment" />
        )}
        <Link to={paths.myBookings} className="button secondary">
          My bookings
        </Link>
      </div>
    </>
  );
}

function Booked({ booking, email }) {
  const paid = booking.payment?.status === "succeeded";
  return (
    <>
      <h1>You're booked!</h1>
      <SuccessMessage>
        {paid ? "Your payment went through and the seat is yours." : "The seat is yours."}
        {email && (
          <>
            {" "}
            A confirmation{paid ? " with your receipt" : ""} is on its way to <strong className="confirmation-email">{email}</strong>.
          </>
        )}
      </SuccessMessage>
      {paid && <h2>Receipt</h2>}
      <BookingSummary booking={booking} />
      <AddToCalendar booking={booking} />
      <BackLinks booking={booking} />
    </>
  );
}

/** My bookings, and back to the booking's event. */
function BackLinks({ booking }) {
  return (
    <div className="actions">
      <Link to={paths.myBookings} className="button primary">
        My bookings
      </Link>
      {eventLink(booking)}
    </div>
  );
}

/** Declined or expired: what happened to the seat, and trying again. */
function NotPaid({ booking, outcome }) {
  const holding = booking.status === "pending_payment";
  return (
    <>
      <h1>{outcome === "declined" ? "The payment was declined" : "The hold expired — the seat was released"}</h1>
      <div className="alert alert-error" role="alert">
        {outcome === "declined" && holding && "No money was taken. Your seat is still held for a little while: try again, with another card if need be."}
        {outcome === "declined" && !holding && "No money was taken, and the seat was given back. You can book it again while seats are left."}
        {outcome === "expired" && "The payment didn't arrive before the hold on your seat ran out, so it was given back. You can book again while seats are left."}
      </div>
      {holding && <HoldLeft expiresAt={booking.payment?.expires_at} />}
      <BookingSummary booking={booking} />
      <div className="actions">
        <TryAgain booking={booking} />
        {eventLink(booking)}
      </div>
    </>
  );
}

function Cancelled({ booking }) {
  return (
    <>
      <h1>This booking was cancelled</h1>
      <p>It no longer holds a seat. See what happened to it in My bookings.</p>
      <BookingSummary booking={booking} />
      <BackLinks booking={booking} />
    </>
  );
}

/** pollMs, pollForMs: how often and how long to read the booking while its payment is awaited (tests shorten them). */
export function PaymentReturnPage({ pollMs = POLL_MS, pollForMs = POLL_FOR_MS }) {
  usePageTitle("Payment");
  const { bookingId } = useParams();
  const [params] = useSearchParams();
  const { user } = useAuth();
  const [tooLong, setTooLong] = useState(false);
  const instalment = params.get("instalment"); // back from an instalment's checkout, not the seat's first payment
  const cameBack = params.get("result") === "cancel";
  const awaited = instalment ? (booking) => !cameBack && instalmentOutcome(booking, instalment) === "waiting" : isWaiting;
  const query = useBooking(bookingId, { pollMs: tooLong ? false : pollMs, poll: awaited });

  // The polling ends after pollForMs (and with the page: the query stops when nothing watches it).
  useEffect(() => {
    const timer = setTimeout(() => setTooLong(true), pollForMs);
    return () => clearTimeout(timer);
  }, [pollForMs]);

  let content;
  if (query.isPending) content = <Loading label="Checking your booking…" />;
  else if (query.isError && !query.data) {
    content =
      query.error.status === 404 ? (
        <>
          <h1>Booking not found</h1>
          <p>We couldn't find that booking. It may belong to another account.</p>
          <p>
            <Link to={paths.myBookings}>Go to My bookings</Link>
          </p>
        </>
      ) : (
        <>
          <h1>Payment</h1>
          <ErrorMessage error={query.error} title="Couldn't check your booking." onRetry={() => query.refetch()} />
        </>
      );
  } else {
    const booking = query.data;
    const outcome = paymentOutcome(booking);
    if (instalment) content = <InstalmentReturn booking={booking} number={instalment} email={user?.email} cameBack={cameBack} tooLong={tooLong} />;
    else if (outcome === "waiting") content = <Waiting booking={booking} tooLong={tooLong} cameBack={cameBack} />;
    else if (outcome === "booked") content = <Booked booking={booking} email={user?.email} />;
    else if (outcome === "cancelled") content = <Cancelled booking={booking} />;
    else content = <NotPaid booking={booking} outcome={outcome} />;
  }
  return <section className="page narrow payment-page">{content}</section>;
}
