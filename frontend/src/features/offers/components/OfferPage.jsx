/** /offers/:token: a seat offered from a waiting list, reached from its email, text or notice, signed in or not.
 *  Take it (booked at once; a paid seat goes on to its payment page) or decline it (it goes to the next person). */
import { Trans, useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { EventTime } from "../../../components/EventTime.jsx";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { paths } from "../../../lib/paths.js";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useAcceptOffer, useDeclineOffer, useOffer } from "../api.js";

/** A refusal (ours or the server's message) with the way on to other sessions. */
function Gone({ message }) {
  const { t } = useTranslation("offers");
  return (
    <div className="alert alert-error" role="alert">
      <Trans t={t} i18nKey="gone.findAnother" values={{ message }} components={{ events: <Link to={paths.events} /> }} />
    </div>
  );
}

/** The buttons' words: what pressing them does now. */
function takeLabel(t, pending, price) {
  if (pending) return t("actions.taking");
  return price ? t("actions.takeAndPay", { price }) : t("actions.take");
}

export function OfferPage() {
  const { t } = useTranslation("offers");
  usePageTitle(t("page.title"));
  const { token = "" } = useParams();
  const navigate = useNavigate();
  const offer = useOffer(token);
  const accept = useAcceptOffer();
  const decline = useDeclineOffer();
  const done = accept.isSuccess || decline.isSuccess;
  const refused = accept.error ?? decline.error;
  const outcomeRef = useFocusOnAppear(done || Boolean(refused));
  const busy = accept.isPending || decline.isPending;

  const take = () => {
    if (busy) return;
    accept.mutate(token, {
      onSuccess: (booking) => {
        if (booking.status === "pending_payment") navigate(paths.bookingPayment(booking.id));
      },
    });
  };

  let content;
  if (offer.isPending) {
    content = <p className="muted">{t("page.loading")}</p>;
  } else if (offer.error) {
    content = offer.error.status === 404 ? <Gone message={t("gone.unavailable")} /> : <ErrorMessage error={offer.error} title={t("page.loadError")} />;
  } else {
    const data = offer.data;
    const open = data.status === "open";
    content = (
      <>
        <h2 className="offer-title">{data.event.title}</h2>
        <p>
          <EventTime start={data.starts_at} end={data.ends_at} timeZone={data.event.timezone} />
        </p>
        {data.event.location && <p className="muted">{data.event.location}</p>}
        {data.price_text && <p>{t("offer.price", { price: data.price_text })}</p>}
        <div ref={outcomeRef} tabIndex={-1} className="outcome">
          {accept.isSuccess && (
            <SuccessMessage>
              <Trans t={t} i18nKey="outcome.taken" components={{ bookings: <Link to={paths.myBookings} /> }} />
            </SuccessMessage>
          )}
          {decline.isSuccess && <SuccessMessage>{t("outcome.declined")}</SuccessMessage>}
          {refused && (refused.status === 404 || refused.code === "offer_expired" ? <Gone message={refused.message} /> : <ErrorMessage error={refused} title={t("outcome.nothingChanged")} />)}
        </div>
        {!done && !refused && open && (
          <>
            <p>
              <Trans t={t} i18nKey="offer.keptUntil" values={{ until: data.expires_local }} components={{ strong: <strong /> }} />
            </p>
            <div className="actions">
              <button type="button" className="button primary" onClick={take} aria-disabled={busy || undefined}>
                {takeLabel(t, accept.isPending, data.price_text)}
              </button>
              <button type="button" className="button secondary" onClick={() => !busy && decline.mutate(token)} aria-disabled={busy || undefined}>
                {decline.isPending ? t("actions.declining") : t("actions.decline")}
              </button>
            </div>
          </>
        )}
        {!done && !refused && !open && <Gone message={t("gone.ended", { ended: data.expires_local })} />}
      </>
    );
  }

  return (
    <section className="page narrow">
      <h1>{t("page.heading")}</h1>
      <div className="card offer">{content}</div>
    </section>
  );
}
