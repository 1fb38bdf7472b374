/** /bookings: the signed-in user's bookings, upcoming (those awaiting payment too), past and cancelled, and their
 *  places in waiting lists; pay, cancel (confirmed, saying what is refunded or whether a pass's credit comes back), reactivate (paying again where it must;
 *  when the seat has gone, joining the waiting list instead), leave a waiting list (confirmed). */
import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { EmptyState, ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { formatEventRange } from "../../../lib/format.js";
import { t as say } from "../../../lib/i18n.js";
import { formatAmount } from "../../../lib/money.js";
import { paths } from "../../../lib/paths.js";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useCancelBooking, useCancelGuest, useJoinWaitlist, useLeaveWaitlist, useMyBookings, useReactivateBooking } from "../api.js";
import { sameParty } from "../party.js";
import { errorText, groupBookings, LEAVE_ERROR_TEXT, REACTIVATE_ERROR_TEXT, sortedPlaces, WAITLIST_ERROR_TEXT, waitlistNextText } from "../booking-status.js";
import { goToCheckout } from "../checkout.js";
import { cancelCreditText, creditComesBack, PASS_ERROR_TEXT } from "../pass-choice.js";
import { bookingPrice, cancelMoneyText } from "../payment-status.js";
import { BookingList } from "./BookingList.jsx";
import { CancelGuestDialog } from "./CancelGuestDialog.jsx";
import { LeaveWaitlistDialog } from "./LeaveWaitlistDialog.jsx";
import { WaitingList } from "./WaitingList.jsx";
import "../bookings.css";

/** "Booking cancelled.", and when the answer says a refund is under way, how much; for a booking made with a pass
 *  (asked before cancelling: `creditBack`), whether its credit went back. */
function cancelledText(booking, creditBack) {
  if (booking?.pass_id != null) return creditBack ? say("bookings:cancelled.creditBack") : say("bookings:cancelled.creditForfeited");
  const refund = booking?.payment?.refund_status;
  if (refund !== "initiated" && refund !== "processed") return say("bookings:cancelled.done");
  const price = bookingPrice(booking);
  const amount = formatAmount(booking.payment.refund_amount ?? price?.amount, price?.currency);
  if (!amount) return refund === "processed" ? say("bookings:cancelled.refunded") : say("bookings:cancelled.refundComing");
  return refund === "processed" ? say("bookings:cancelled.refundedAmount", { amount }) : say("bookings:cancelled.refundComingAmount", { amount });
}

/** Giving back one guest's seat: catalogue keys by refusal code. */
const GUEST_ERROR_TEXT = {
  guest_cancelled: "bookings:guestError.alreadyGiven",
  not_active: "bookings:guestError.notActive",
};

/** Joining from My bookings: a free seat means reactivating, not booking anew. */
const JOIN_ERROR_TEXT = { ...WAITLIST_ERROR_TEXT, seats_available: "bookings:error.seatsAvailableReactivate" };

/** Cancelling a request the facilitator decided meanwhile. */
const CANCEL_ERROR_TEXT = { not_pending_approval: "bookings:error.decidedMeanwhile" };

/** What joining a waiting list answered: a place in line, or a seat that came free at that moment. */
function joinedText(answer, mode) {
  if (answer?.status === "active") return say("bookings:joined.booked");
  if (answer?.status === "pending_payment") return say("bookings:joined.held");
  return `${say("bookings:joined.waiting", { position: answer?.position })} ${waitlistNextText(mode)}`;
}

/** renderActions(booking, describedBy): more of a booking's actions, from other features (the app layer says which). */
export function MyBookingsPage({ renderActions }) {
  const { t } = useTranslation("bookings");
  usePageTitle(t("myBookings.title"));
  const navigate = useNavigate();
  const bookings = useMyBookings();
  const cancel = useCancelBooking();
  const reactivate = useReactivateBooking();
  const leave = useLeaveWaitlist();
  const join = useJoinWaitlist();
  const cancelGuest = useCancelGuest();
  const [confirming, setConfirming] = useState(null);
  const [givingBack, setGivingBack] = useState(null); // {booking, guest}: one guest's seat to give back
  const [leaving, setLeaving] = useState(null);
  const [feedback, setFeedback] = useState(null);
  // After a change the card that had focus may have moved to another list: continue from the message.
  const feedbackRef = useFocusOnAppear(feedback);

  const busyId = cancel.isPending ? cancel.variables : reactivate.isPending ? reactivate.variables : cancelGuest.isPending ? cancelGuest.variables.bookingId : null;

  const confirmCancelGuest = () => {
    setFeedback(null);
    const { booking, guest } = givingBack;
    cancelGuest.mutate(
      { bookingId: booking.id, guestId: guest.id },
      {
        onSuccess: () => setFeedback({ ok: t("myBookings.guestGivenBack", { name: guest.name }) }),
        onError: (error) => setFeedback({ error: errorText(error, GUEST_ERROR_TEXT) }),
        onSettled: () => setGivingBack(null),
      },
    );
  };

  const confirmCancel = () => {
    setFeedback(null);
    const creditBack = creditComesBack(confirming);
    cancel.mutate(confirming.id, {
      onSuccess: (answer) => setFeedback({ ok: cancelledText(answer, creditBack) }),
      onError: (error) => setFeedback({ error: errorText(error, CANCEL_ERROR_TEXT) }),
      onSettled: () => setConfirming(null),
    });
  };

  const confirmLeave = () => {
    setFeedback(null);
    leave.mutate(leaving, {
      onSuccess: () => setFeedback({ ok: t("outcome.left") }),
      onError: (error) => setFeedback({ error: errorText(error, LEAVE_ERROR_TEXT) }),
      onSettled: () => setLeaving(null),
    });
  };

  const startReactivate = (booking) => {
    setFeedback(null);
    reactivate.mutate(booking.id, {
      onSuccess: (answer) => {
        // A refunded (or never paid) booking of a paid session comes back holding its seat until it is paid again.
        if (answer?.status === "pending_payment") {
          setFeedback({ ok: t("myBookings.reactivatedHeld") });
          goToCheckout(answer, navigate);
        } else setFeedback({ ok: t("myBookings.reactivated") });
      },
      // The seats went to someone else: the waiting list is the way back in.
      onError: (error) => setFeedback({ error: errorText(error, { ...REACTIVATE_ERROR_TEXT, ...PASS_ERROR_TEXT }), full: ["session_full", "not_enough_seats"].includes(error?.code) ? booking : null }),
    });
  };

  const joinWaitlist = (booking) => {
    join.mutate(sameParty(booking), {
      onSuccess: (answer) => {
        setFeedback({ ok: joinedText(answer, booking.session?.waitlist_mode) });
        if (answer?.status === "pending_payment") navigate(paths.bookingPayment(answer.booking_id));
      },
      onError: (error) => setFeedback({ error: errorText(error, JOIN_ERROR_TEXT) }),
    });
  };

  let content;
  if (bookings.isPending) {
    content = <Loading label={t("myBookings.loading")} />;
  } else if (bookings.isError) {
    content = <ErrorMessage error={bookings.error} title={t("myBookings.loadError")} onRetry={() => bookings.refetch()} />;
  } else if (bookings.data.bookings.length === 0 && bookings.data.waiting.length === 0) {
    content = (
      <EmptyState title={t("myBookings.empty")}>
        <Link to={paths.events} className="button primary">
          {t("myBookings.browseEvents")}
        </Link>
      </EmptyState>
    );
  } else {
    const { upcoming, past, cancelled } = groupBookings(bookings.data.bookings);
    const places = sortedPlaces(bookings.data.waiting);
    const listProps = { busyId, renderActions, onCancel: setConfirming, onCancelGuest: (booking, guest) => setGivingBack({ booking, guest }), onReactivate: startReactivate };
    content = (
      <>
        <BookingList name="upcoming" title={t("myBookings.upcoming")} bookings={upcoming} emptyText={t("myBookings.noUpcoming")} {...listProps} />
        {upcoming.length === 0 && (
          <p>
            <Link to={paths.events}>{t("myBookings.browseEvents")}</Link>
          </p>
        )}
        {places.length > 0 && <WaitingList places={places} leaving={leave.isPending ? leave.variables : null} onLeave={setLeaving} />}
        {past.length > 0 && <BookingList name="past" title={t("myBookings.past")} bookings={past} {...listProps} />}
        <BookingList name="cancelled" title={t("myBookings.cancelled")} bookings={cancelled} emptyText={t("myBookings.noCancelled")} {...listProps} />
      </>
    );
  }

  return (
    <section className="page">
      <h1>{t("myBookings.title")}</h1>
      {feedback && (
        <div ref={feedbackRef} tabIndex={-1} className="outcome">
          {feedback.ok && <SuccessMessage>{feedback.ok}</SuccessMessage>}
          {feedback.error && (
            <div className="alert alert-error" role="alert">
              {feedback.error}
            </div>
          )}
          {feedback.full && (
            <div className="join-offer">
              <p>
                {t("myBookings.canJoin")} {waitlistNextText(feedback.full.session?.waitlist_mode)}
              </p>
              <button type="button" className="button primary small" onClick={() => joinWaitlist(feedback.full)} disabled={join.isPending}>
                {join.isPending ? t("myBookings.joining") : t("myBookings.join")}
              </button>
            </div>
          )}
        </div>
      )}
      {content}
      {confirming && (
        <ConfirmDialog
          title={confirming.status === "pending_approval" ? t("cancelDialog.withdrawTitle") : t("cancelDialog.title")}
          confirmLabel={confirming.status === "pending_approval" ? t("cancelDialog.withdraw") : t("cancelDialog.confirm")}
          cancelLabel={t("cancelDialog.keep")}
          danger
          busy={cancel.isPending}
          onConfirm={confirmCancel}
          onCancel={() => setConfirming(null)}
        >
          <p>
            <Trans
              t={t}
              i18nKey="cancelDialog.body"
              values={{ title: confirming.event?.title, when: formatEventRange(confirming.session?.starts_at, confirming.session?.ends_at, confirming.event?.timezone) }}
              components={{ strong: <strong /> }}
            />
          </p>
          {cancelMoneyText(confirming) && <p className="booking-terms">{cancelMoneyText(confirming)}</p>}
          {cancelCreditText(confirming) && <p className="booking-terms">{cancelCreditText(confirming)}</p>}
          {confirming.status !== "pending_approval" && <p className="muted">{t("cancelDialog.reactivateLater")}</p>}
        </ConfirmDialog>
      )}
      {givingBack && <CancelGuestDialog booking={givingBack.booking} guest={givingBack.guest} busy={cancelGuest.isPending} onConfirm={confirmCancelGuest} onCancel={() => setGivingBack(null)} />}
      {leaving && <LeaveWaitlistDialog place={leaving} busy={leave.isPending} onConfirm={confirmLeave} onCancel={() => setLeaving(null)} />}
    </section>
  );
}
