/**
 * /bookings/:bookingId/payment: where the provider's checkout sends the person back (?result=success|cancel). It
 * reads the booking every 1.5 s while its payment is awaited (the provider's webhook confirms it, not this page),
 * for 2 minutes at most, then says it is taking longer than usual. The outcome: booked (with the receipt), the
 * payment declined, or the hold expired, each with a way on; back from an instalment (?instalment=N), that
 * instalment's (InstalmentReturn).
 */
import { useEffect, useState } from "react";
import { Trans, useTranslation } from "react-i18next";
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
  const { t } = useTranslation("bookings");
  const event = booking.event ?? {};
  const price = bookingPrice(booking);
  return (
    <dl className="payment-facts">
      <div className="wide">
        <dt>{t("payment.event")}</dt>
        <dd>
          <Link to={paths.bookedEvent(booking)}>{event.title ?? t("card.event")}</Link>
        </dd>
      </div>
      <div className="wide">
        <dt>{t("payment.when")}</dt>
        <dd>
          <EventTime start={booking.session?.starts_at} end={booking.session?.ends_at} timeZone={event.timezone} />
        </dd>
      </div>
      {price && (
        <div>
          <dt>{booking.payment?.status === "succeeded" ? t("payment.amountPaid") : t("payment.price")}</dt>
          <dd>{formatAmount(price.amount, price.currency)}</dd>
        </div>
      )}
      {booking.payment?.paid_at && (
        <div>
          <dt>{t("payment.paidOn")}</dt>
          <dd>{formatDateTime(booking.payment.paid_at, { label: true })}</dd>
        </div>
      )}
    </dl>
  );
}

/** The time left on the held seat, live. */
function HoldLeft({ expiresAt }) {
  const { t } = useTranslation("bookings");
  const seconds = useSecondsUntil(expiresAt);
  if (seconds === null) return null;
  if (seconds === 0) return <p className="hold-left">{t("payment.holdEnded")}</p>;
  return (
    <p className="hold-left">
      <Trans t={t} i18nKey="payment.holdLeft" values={{ clock: clockText(seconds) }} components={{ strong: <strong className="hold-clock" /> }} />
    </p>
  );
}

/** "Try again" (or `label`): a fresh checkout for a booking still holding its seat, else booking the session again. */
function TryAgain({ booking, label }) {
  const { t } = useTranslation("bookings");
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
        {busy ? t("payment.opening") : (label ?? t("payment.tryAgain"))}
      </button>
    </>
  );
}

function EventLink({ booking }) {
  const { t } = useTranslation("bookings");
  return (
    <Link to={paths.bookedEvent(booking)} className="button secondary">
      {t("instalment.backToEvent")}
    </Link>
  );
}

function Waiting({ booking, tooLong, cameBack }) {
  const { t } = useTranslation("bookings");
  const location = useLocation();
  const checkout = booking.payment?.checkout_url;
  return (
    <>
      <h1>{t("payment.waitingHeading")}</h1>
      {cameBack ? <p role="status">{t("payment.cameBack")}</p> : <Loading label={t("instalment.waitingConfirmation")} />}
      <HoldLeft expiresAt={booking.payment?.expires_at} />
      {tooLong && !cameBack && (
        <div className="alert payment-slow" role="alert">
          <Trans t={t} i18nKey="payment.slow" components={{ reload: <a href={`${location.pathname}${location.search}`} /> }} />
        </div>
      )}
      <BookingSummary booking={booking} />
      <div className="actions">
        {checkout ? (
          <a className="button primary" href={checkout}>
            {t("payment.goToPayment")}
          </a>
        ) : (
          <TryAgain booking={booking} label={t("payment.goToPayment")} />
        )}
        <Link to={paths.myBookings} className="button secondary">
          {t("instalment.myBookings")}
        </Link>
      </div>
    </>
  );
}

function Booked({ booking, email }) {
  const { t } = useTranslation("bookings");
  const paid = booking.payment?.status === "succeeded";
  return (
    <>
      <h1>{t("outcome.booked")}</h1>
      <SuccessMessage>
        {paid ? t("payment.paidSeatYours") : t("payment.seatYours")}
        {email && (
          <>
            {" "}
            <Trans
              t={t}
              i18nKey={paid ? "payment.confirmationReceipt" : "outcome.confirmation"}
              values={{ email }}
              components={{ strong: <strong className="confirmation-email" /> }}
            />
          </>
        )}
      </SuccessMessage>
      {paid && <h2>{t("payment.receipt")}</h2>}
      <BookingSummary booking={booking} />
      <AddToCalendar booking={booking} />
      <BackLinks booking={booking} />
    </>
  );
}

/** My bookings, and back to the booking's event. */
function BackLinks({ booking }) {
  const { t } = useTranslation("bookings");
  return (
    <div className="actions">
      <Link to={paths.myBookings} className="button primary">
        {t("instalment.myBookings")}
      </Link>
      <EventLink booking={booking} />
    </div>
  );
}

/** Declined or expired: what happened to the seat, and trying again. */
function NotPaid({ booking, outcome }) {
  const { t } = useTranslation("bookings");
  const holding = booking.status === "pending_payment";
  return (
    <>
      <h1>{outcome === "declined" ? t("payment.declinedHeading") : t("payment.expiredHeading")}</h1>
      <div className="alert alert-error" role="alert">
        {outcome === "declined" && holding && t("payment.declinedHeld")}
        {outcome === "declined" && !holding && t("payment.declinedReleased")}
        {outcome === "expired" && t("payment.expired")}
      </div>
      {holding && <HoldLeft expiresAt={booking.payment?.expires_at} />}
      <BookingSummary booking={booking} />
      <div className="actions">
        <TryAgain booking={booking} />
        <EventLink booking={booking} />
      </div>
    </>
  );
}

function Cancelled({ booking }) {
  const { t } = useTranslation("bookings");
  return (
    <>
      <h1>{t("payment.cancelledHeading")}</h1>
      <p>{t("payment.cancelled")}</p>
      <BookingSummary booking={booking} />
      <BackLinks booking={booking} />
    </>
  );
}

/** pollMs, pollForMs: how often and how long to read the booking while its payment is awaited (tests shorten them). */
export function PaymentReturnPage({ pollMs = POLL_MS, pollForMs = POLL_FOR_MS }) {
  const { t } = useTranslation("bookings");
  usePageTitle(t("payment.title"));
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
  if (query.isPending) content = <Loading label={t("join.checking")} />;
  else if (query.isError && !query.data) {
    content =
      query.error.status === 404 ? (
        <>
          <h1>{t("payment.notFound")}</h1>
          <p>{t("payment.notFoundText")}</p>
          <p>
            <Link to={paths.myBookings}>{t("outcome.goToMyBookings")}</Link>
          </p>
        </>
      ) : (
        <>
          <h1>{t("payment.title")}</h1>
          <ErrorMessage error={query.error} title={t("payment.checkError")} onRetry={() => query.refetch()} />
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
