/** The payment return page after an instalment's checkout: the seat was booked long ago, so it says whether that
 *  instalment is paid, awaited, or was left unpaid, and what is still to pay, never "You're booked!". */
import { Trans, useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { formatDate } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { instalmentOutcome } from "../payment-plan.js";

const partOf = (booking, number) => booking.payment_plan?.schedule?.find((each) => String(each.number) === String(number));

function Links({ booking }) {
  const { t } = useTranslation("bookings");
  return (
    <div className="actions">
      <Link to={paths.myBookings} className="button primary">
        {t("instalment.myBookings")}
      </Link>
      <Link to={paths.event(booking.event?.id ?? booking.session?.event_id)} className="button secondary">
        {t("instalment.backToEvent")}
      </Link>
    </div>
  );
}

function Paid({ booking, number, email }) {
  const { t } = useTranslation("bookings");
  const part = partOf(booking, number);
  const plan = booking.payment_plan;
  return (
    <>
      <h1>{t("instalment.paidHeading", { number })}</h1>
      <SuccessMessage>
        {t("instalment.wentThrough", { amount: part.formatted })}{" "}
        {plan.outstanding > 0 ? t("instalment.stillToPay", { amount: plan.outstanding_formatted }) : t("instalment.paidInFull")}
        {email && (
          <>
            {" "}
            <Trans t={t} i18nKey="instalment.receipt" values={{ email }} components={{ strong: <strong className="confirmation-email" /> }} />
          </>
        )}
      </SuccessMessage>
      <Links booking={booking} />
    </>
  );
}

function Unpaid({ booking, number, cameBack, tooLong }) {
  const { t } = useTranslation("bookings");
  const location = useLocation();
  const part = partOf(booking, number);
  const timeZone = booking.event?.timezone;
  return (
    <>
      <h1>{cameBack ? t("instalment.notPaidHeading", { number }) : t("instalment.waitingHeading", { number })}</h1>
      {cameBack ? (
        <p>{t("instalment.leftUnpaid", { number, amount: part.formatted, due: formatDate(part.due_at, { timeZone }) })}</p>
      ) : (
        <Loading label={t("instalment.waitingConfirmation")} />
      )}
      {tooLong && !cameBack && (
        <div className="alert payment-slow" role="alert">
          <Trans t={t} i18nKey="instalment.slow" components={{ reload: <a href={`${location.pathname}${location.search}`} /> }} />
        </div>
      )}
      <div className="actions">
        <Link to={paths.instalmentPay(booking.id, number)} className="button primary">
          {t("instalment.pay", { number })}
        </Link>
        <Link to={paths.myBookings} className="button secondary">
          {t("instalment.myBookings")}
        </Link>
      </div>
    </>
  );
}

/** number: the instalment the checkout was for (the return url's ?instalment=). */
export function InstalmentReturn({ booking, number, email, cameBack, tooLong }) {
  const { t } = useTranslation("bookings");
  const outcome = instalmentOutcome(booking, number);
  if (outcome === "paid") return <Paid booking={booking} number={number} email={email} />;
  if (outcome === "waiting") return <Unpaid booking={booking} number={number} cameBack={cameBack} tooLong={tooLong} />;
  return (
    <>
      <h1>{t("instalment.heading", { number })}</h1>
      <p>{t("instalment.ended")}</p>
      <Links booking={booking} />
    </>
  );
}
