/** What came of an action on the event page, shown above its sessions: a booking made (where its confirmation goes,
 *  when its reminders will, adding it to a calendar), a place in a waiting list, leaving one, or the refusal. */
import { Link } from "react-router";
import { Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { paths } from "../../../lib/paths.js";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { errorText, waitlistNextText } from "../booking-status.js";
import { AddToCalendar } from "./AddToCalendar.jsx";
import { ReminderLine } from "./ReminderLine.jsx";

function Booked({ outcome, email }) {
  return (
    <>
      <SuccessMessage>
        {outcome.fromWaitlist ? "A seat came free just now: you're booked! " : "You're booked! "}
        {outcome.booking?.pass_id && "Your pass paid for it. "}
        {outcome.freeWith && `Free with code ${outcome.freeWith}: nothing to pay. `}
        {outcome.booking?.seats > 1 && `${outcome.booking.seats} seats, yours and your guests'; each guest with an email gets their own confirmation. `}
        See it in <Link to={paths.myBookings}>My bookings</Link>.
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
  );
}

function Refused({ error, texts }) {
  return (
    <div className="alert alert-error" role="alert">
      {errorText(error, texts)}
      {["already_booked", "not_waiting"].includes(error.code) && (
        <>
          {" "}
          <Link to={paths.myBookings}>Go to My bookings</Link>
        </>
      )}
      {error.code === "billing_address_required" && (
        <>
          {" "}
          <Link to={paths.account}>Add your billing address</Link>
        </>
      )}
    </div>
  );
}

/**
 * outcome: {booked, booking, fromWaitlist, freeWith (the code that left nothing to pay)} | {requested, facilitator} (a request
 * to book sent) | {paying: true} (off to the checkout) | {waiting: position, mode} (mode: the waiting list's, auto or offer) | {left: true} | {error, texts} (texts: our words
 * for the error codes); email: the signed-in person's, when the session knows it.
 */
export function BookingOutcome({ outcome, email }) {
  const ref = useFocusOnAppear(outcome); // the dialog that had focus is gone
  if (!outcome) return null;
  let content;
  if (outcome.booked) content = <Booked outcome={outcome} email={email} />;
  else if (outcome.error) content = <Refused error={outcome.error} texts={outcome.texts} />;
  else if (outcome.requested) {
    content = (
      <SuccessMessage>
        Your request was sent{outcome.facilitator ? ` to ${outcome.facilitator}` : ""}. Your seat is held while they decide, and an email tells you the answer. See it in{" "}
        <Link to={paths.myBookings}>My bookings</Link>.
      </SuccessMessage>
    );
  } else if (outcome.paying) content = <Loading label="Your seat is held. Taking you to the payment page…" />;
  else if (outcome.left) content = <SuccessMessage>You've left the waiting list.</SuccessMessage>;
  else {
    content = (
      <SuccessMessage>
        You're on the waiting list{outcome.waiting ? `: number ${outcome.waiting} in line` : ""}. {waitlistNextText(outcome.mode)} See it in{" "}
        <Link to={paths.myBookings}>My bookings</Link>.
      </SuccessMessage>
    );
  }
  return (
    <div ref={ref} tabIndex={-1} className="outcome">
      {content}
    </div>
  );
}
