/** /offers/:token: a seat offered from a waiting list, reached from its email, text or notice, signed in or not.
 *  Take it (booked at once; a paid seat goes on to its payment page) or decline it (it goes to the next person). */
import { Link, useNavigate, useParams } from "react-router";
import { EventTime } from "../../../components/EventTime.jsx";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { paths } from "../../../lib/paths.js";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useAcceptOffer, useDeclineOffer, useOffer } from "../api.js";

export const OFFER_GONE = "This offer was taken, declined or has ended, so no seat is kept for it now.";

function Gone({ children }) {
  return (
    <div className="alert alert-error" role="alert">
      {children} <Link to={paths.events}>Find another session</Link>.
    </div>
  );
}

export function OfferPage() {
  usePageTitle("A seat offered to you");
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
    content = <p className="muted">Loading the offer…</p>;
  } else if (offer.error) {
    content = offer.error.status === 404 ? <Gone>{OFFER_GONE}</Gone> : <ErrorMessage error={offer.error} title="The offer could not be loaded." />;
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
        {data.price_text && <p>Price: {data.price_text}</p>}
        <div ref={outcomeRef} tabIndex={-1} className="outcome">
          {accept.isSuccess && (
            <SuccessMessage>
              The seat is yours: you're booked. See it in <Link to={paths.myBookings}>your bookings</Link>.
            </SuccessMessage>
          )}
          {decline.isSuccess && <SuccessMessage>You declined the seat; it went to the next person waiting.</SuccessMessage>}
          {refused && (refused.status === 404 || refused.code === "offer_expired" ? <Gone>{refused.message}</Gone> : <ErrorMessage error={refused} title="Nothing changed." />)}
        </div>
        {!done && !refused && open && (
          <>
            <p>
              The seat is kept for you until <strong>{data.expires_local}</strong>. If you don't take it by then, it goes
              to the next person waiting.
            </p>
            <div className="actions">
              <button type="button" className="button primary" onClick={take} aria-disabled={busy || undefined}>
                {accept.isPending ? "Taking the seat…" : data.price_text ? `Take the seat and pay ${data.price_text}` : "Take the seat"}
              </button>
              <button type="button" className="button secondary" onClick={() => !busy && decline.mutate(token)} aria-disabled={busy || undefined}>
                {decline.isPending ? "Declining…" : "Decline"}
              </button>
            </div>
          </>
        )}
        {!done && !refused && !open && <Gone>This offer ended at {data.expires_local} and the seat went to the next person in line.</Gone>}
      </>
    );
  }

  return (
    <section className="page narrow">
      <h1>A seat came free for you</h1>
      <div className="card offer">{content}</div>
    </section>
  );
}
