/** The payment return page after an instalment's checkout: the seat was booked long ago, so it says whether that
 *  instalment is paid, awaited, or was left unpaid, and what is still to pay, never "You're booked!". */
import { Link, useLocation } from "react-router";
import { Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { formatDate } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { instalmentOutcome } from "../payment-plan.js";

const partOf = (booking, number) => booking.payment_plan?.schedule?.find((each) => String(each.number) === String(number));

function Links({ booking }) {
  return (
    <div className="actions">
      <Link to={paths.myBookings} className="button primary">
        My bookings
      </Link>
      <Link to={paths.event(booking.event?.id ?? booking.session?.event_id)} className="button secondary">
        Back to the event
      </Link>
    </div>
  );
}

function Paid({ booking, number, email }) {
  const part = partOf(booking, number);
  const plan = booking.payment_plan;
  return (
    <>
      <h1>Instalment {number} is paid</h1>
      <SuccessMessage>
        Your payment of {part.formatted} went through.{" "}
        {plan.outstanding > 0 ? `Still to pay: ${plan.outstanding_formatted}.` : "Your booking is now paid in full."}
        {email && (
          <>
            {" "}
            A receipt is on its way to <strong className="confirmation-email">{email}</strong>.
          </>
        )}
      </SuccessMessage>
      <Links booking={booking} />
    </>
  );
}

function Unpaid({ booking, number, cameBack, tooLong }) {
  const location = useLocation();
  const part = partOf(booking, number);
  const timeZone = booking.event?.timezone;
  return (
    <>
      <h1>{cameBack ? `Instalment ${number} is not paid yet` : `Waiting for your payment of instalment ${number}`}</h1>
      {cameBack ? (
        <p>
          You left the payment page without paying. Instalment {number} ({part.formatted}) is due on {formatDate(part.due_at, { timeZone })}.
        </p>
      ) : (
        <Loading label="Waiting for the payment to be confirmed…" />
      )}
      {tooLong && !cameBack && (
        <div className="alert payment-slow" role="alert">
          This is taking longer than usual. <a href={`${location.pathname}${location.search}`}>Reload this page</a> to check again; an email
          brings your receipt as soon as the payment arrives.
        </div>
      )}
      <div className="actions">
        <Link to={paths.instalmentPay(booking.id, number)} className="button primary">
          Pay instalment {number}
        </Link>
        <Link to={paths.myBookings} className="button secondary">
          My bookings
        </Link>
      </div>
    </>
  );
}

/** number: the instalment the checkout was for (the return url's ?instalment=). */
export function InstalmentReturn({ booking, number, email, cameBack, tooLong }) {
  const outcome = instalmentOutcome(booking, number);
  if (outcome === "paid") return <Paid booking={booking} number={number} email={email} />;
  if (outcome === "waiting") return <Unpaid booking={booking} number={number} cameBack={cameBack} tooLong={tooLong} />;
  return (
    <>
      <h1>Instalment {number}</h1>
      <p>This instalment is no longer due: the booking has ended. See what happened to it in My bookings.</p>
      <Links booking={booking} />
    </>
  );
}
