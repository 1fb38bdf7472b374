/** What came of an action on the event page, shown above its sessions: a booking made (where its confirmation goes,
 *  when its reminders will, adding it to a calendar), a place in a waiting list, leaving one, or the refusal. */
import { Trans, useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { paths } from "../../../lib/paths.js";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { errorText, waitlistNextText } from "../booking-status.js";
import { AddToCalendar } from "./AddToCalendar.jsx";
import { ReminderLine } from "./ReminderLine.jsx";

/** "You're on the waiting list: number 2 in line", or of the child the place is for. */
function placeText(t, outcome) {
  if (outcome.child) return t("outcome.waitingChild", { name: outcome.child, position: outcome.waiting });
  return outcome.waiting ? t("outcome.waitingAt", { position: outcome.waiting }) : t("outcome.waiting");
}

/** "See it in My bookings.", its link to the page. */
function SeeIt({ t }) {
  return <Trans t={t} i18nKey="outcome.seeIt" components={{ bookings: <Link to={paths.myBookings} /> }} />;
}

function Booked({ outcome, email }) {
  const { t } = useTranslation("bookings");
  const said = [
    outcome.fromWaitlist ? t("outcome.bookedFromWaitlist") : t("outcome.booked"),
    outcome.booking?.pass_id && t("outcome.passPaid"),
    outcome.freeWith && t("outcome.freeWith", { code: outcome.freeWith }),
    outcome.booking?.seats > 1 && t("outcome.seats", { seats: outcome.booking.seats }),
  ].filter(Boolean);
  return (
    <>
      <SuccessMessage>
        {`${said.join(" ")} `}
        <SeeIt t={t} />
        {email && (
          <>
            {" "}
            <Trans t={t} i18nKey="outcome.confirmation" values={{ email }} components={{ strong: <strong className="confirmation-email" /> }} />
          </>
        )}
      </SuccessMessage>
      {outcome.booking && <ReminderLine booking={outcome.booking} />}
      {outcome.booking && <AddToCalendar booking={outcome.booking} />}
    </>
  );
}

/** signAt: {slug, child} for a booking refused for want of signed forms: where to sign them (the child's, if for one). */
function Refused({ error, texts, signAt }) {
  const { t } = useTranslation("bookings");
  return (
    <div className="alert alert-error" role="alert">
      {errorText(error, texts)}
      {["already_booked", "not_waiting"].includes(error.code) && (
        <>
          {" "}
          <Link to={paths.myBookings}>{t("outcome.goToMyBookings")}</Link>
        </>
      )}
      {signAt?.slug && (
        <>
          {" "}
          <Link to={paths.myForms(signAt.slug, signAt.child)}>{t("outcome.signForms")}</Link>
        </>
      )}
      {error.code === "billing_address_required" && (
        <>
          {" "}
          <Link to={paths.account}>{t("outcome.addBillingAddress")}</Link>
        </>
      )}
    </div>
  );
}

/**
 * outcome: {booked, booking, fromWaitlist, freeWith (the code that left nothing to pay)} | {requested, facilitator} (a request
 * to book sent) | {paying: true} (off to the checkout) | {waiting: position, mode, child} (mode: the waiting list's, auto or offer; child: whose place, a child's name) | {left: true} | {error, texts, signAt} (texts: our words
 * for the error codes; signAt: where to sign the forms a refusal asks for); email: the signed-in person's, when the session knows it.
 */
export function BookingOutcome({ outcome, email }) {
  const { t } = useTranslation("bookings");
  const ref = useFocusOnAppear(outcome); // the dialog that had focus is gone
  if (!outcome) return null;
  let content;
  if (outcome.booked) content = <Booked outcome={outcome} email={email} />;
  else if (outcome.error) content = <Refused error={outcome.error} texts={outcome.texts} signAt={outcome.signAt} />;
  else if (outcome.requested) {
    content = (
      <SuccessMessage>
        {outcome.facilitator ? t("outcome.requestedTo", { name: outcome.facilitator }) : t("outcome.requested")} <SeeIt t={t} />
      </SuccessMessage>
    );
  } else if (outcome.paying) content = <Loading label={t("outcome.paying")} />;
  else if (outcome.left) content = <SuccessMessage>{t("outcome.left")}</SuccessMessage>;
  else {
    content = (
      <SuccessMessage>
        {placeText(t, outcome)} {waitlistNextText(outcome.mode)} <SeeIt t={t} />
      </SuccessMessage>
    );
  }
  return (
    <div ref={ref} tabIndex={-1} className="outcome">
      {content}
    </div>
  );
}
