"""What a verified provider event means for a payment and its booking: applied once, under the lock order."""

import logging

from sqlalchemy import and_, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from main_app.plumbing import sharing_first
from main_app.services.discounts import reclaim_code_use, redeem_code
from main_app.services.invoices import issue_invoice
from main_app.services.seats import claim_seat, drop_hold_expiries, forget_waitlist, give_back_seat, guests_of

from ...database import retry_on_deadlock, unit_of_work
from ...extensions import db
from ...models import (
    BOOKING_ACTIVE,
    BOOKING_EXPIRED,
    BOOKING_PENDING_PAYMENT,
    PAYMENT_FAILED,
    PAYMENT_PENDING,
    PAYMENT_SUCCEEDED,
    Booking,
    Event,
    EventSession,
    Payment,
    PaymentWebhook,
    User,
    utcnow,
)
from .. import news
from . import captures, instalments, pass_checkout, seat_refunds, staff_refunds, subscriptions
from .checkout import end_hold, tell_about_hold
from .plans import DEPOSIT
from .providers import base as events
from .providers.base import PaymentEvent
from .records import booking_for_update, locked_payment, of_account, payment_summary, receipt
from .refunds import refund_settled, request_refund

log = logging.getLogger(__name__)


INSERT_WEBHOOK = {
    name: insert(PaymentWebhook.__table__)
    .on_conflict_do_nothing(index_elements=["provider", "event_id"])
    .returning(PaymentWebhook.id)
    for name, insert in (("postgresql", postgresql.insert), ("sqlite", sqlite.insert))
}


@retry_on_deadlock
@sharing_first  # payments of one session's held seats, confirmed side by side (they change no seat)
def apply_webhook(provider_name: str, event: PaymentEvent, account: int | None = None) -> str:
    """Apply one verified provider event, once: "applied", "duplicate" (only an event id seen before) or "ignored".
    account: the studio whose own provider account the webhook came to (None: the install's); it is told only of
    that account's payments."""
    with unit_of_work():
        # A row already there, or committed meanwhile by the same event's other delivery (PostgreSQL waits for it),
        # is skipped: the one thing that makes a webhook a duplicate. Anything else is applied or fails loudly.
        seen = INSERT_WEBHOOK[db.engine.dialect.name].values(
            provider=provider_name if account is None else f"{provider_name}@{account}",
            event_id=event.event_id,
            kind=event.kind,
            received_at=utcnow(),
        )
        if db.session.execute(seen).first() is None:
            return "duplicate"
        if event.kind in (events.PAYMENT_SUCCEEDED, events.PAYMENT_FAILED):
            paid = event.kind == events.PAYMENT_SUCCEEDED
            payment = _payment_by_reference(provider_name, account, event.reference, shared=paid)
            if payment is None:
                log.warning("%s webhook %s names no checkout of ours", provider_name, event.event_id)
                return "ignored"
            _captured(payment, event) if paid else _failed(payment, event)
        elif event.kind in (events.REFUND_PROCESSED, events.REFUND_FAILED):
            processed = event.kind == events.REFUND_PROCESSED
            if (guest := seat_refunds.guest_by_refund(provider_name, account, event.refund_id)) is not None:
                seat_refunds.seat_refund_settled(guest, processed, event.failure)
                return "applied"
            if (asked := staff_refunds.by_refund_id(provider_name, account, event.refund_id)) is not None:
                staff_refunds.staff_refund_settled(asked, processed, event.failure)
                return "applied"
            payment = _payment_by_refund(provider_name, account, event)
            if payment is None:
                return "ignored"
            refund_settled(payment, event.kind == events.REFUND_PROCESSED, event.failure)
        elif event.kind == events.PAYMENT_AUTHORIZED:
            captures.to_capture(_payment_by_reference(provider_name, account, event.reference, shared=True), event)
        elif event.kind in (events.RENEWAL_PAID, events.RENEWAL_FAILED, events.SUBSCRIPTION_ENDED):
            return subscriptions.applied(provider_name, event, account)
        else:
            return "ignored"
    return "applied"


def _payment_by_reference(
    provider_name: str, account: int | None, reference: str | None, shared: bool = False
) -> Payment | None:
    found = db.session.scalar(
        select(Payment.id).where(of_account(provider_name, account), Payment.reference == (reference or ""))
    )
    return locked_payment(found, shared=shared)


def _payment_by_refund(provider_name: str, account: int | None, event: PaymentEvent) -> Payment | None:
    """The payment a refund event is about: by the refund's id, or (the event came before the provider's answer to
    our refund call was stored) the refunded payment whose refund has no id yet."""
    by_payment = and_(
        Payment.payment_id == event.payment_id, Payment.refund_id.is_(None), Payment.refund_status.is_not(None)
    )
    conditions = [Payment.refund_id == event.refund_id] if event.refund_id else []
    if event.payment_id:
        conditions.append(by_payment)
    if not conditions:
        return None
    found = db.session.scalar(
        select(Payment.id).where(of_account(provider_name, account), or_(*conditions)).order_by(Payment.id).limit(1)
    )
    return locked_payment(found)


def _captured(payment: Payment, event: PaymentEvent) -> None:
    """A capture through the checkout: its own pays for the seat or pass; another is told already, or is kept apart
    and given back (captures)."""
    if captures.checkout_takes(payment, event):
        _paid(payment, event)
        issue_invoice(payment)  # last: the counter row follows every row _paid locked


def _paid(payment: Payment, event: PaymentEvent) -> None:
    """The checkout's own capture (the amount asked): confirm the seat, or (no seat, paid otherwise) give it back."""
    if payment.pass_id is not None:
        pass_checkout.paid(payment, event)
        return
    payment.status, payment.payment_id, payment.paid_at, payment.failure = (
        PAYMENT_SUCCEEDED,
        event.payment_id,
        utcnow(),
        None,
    )
    booking, user, event_session, event_ = booking_for_update(payment.booking_id)
    if payment.instalment:  # one of a plan's instalments, from its own checkout: paid once, or given back
        instalments.paid(payment, booking, user, event_session, event_)
        return
    if (refused := _why_not_seated(booking)) is not None:
        request_refund(payment, refused)
        return
    _seat_paid(booking, payment, user, event_)


def _why_not_seated(booking: Booking) -> str | None:
    """Why a paid booking cannot have its seat (the money goes back), or None when it takes it: a hold that ended
    claims its seat and its code's use again here."""
    if booking.status == BOOKING_ACTIVE:
        return "This booking was already paid."
    if booking.status == BOOKING_EXPIRED and _holds_another_seat(booking):
        return "The payment arrived after the hold had ended, and the seat was booked again."
    if booking.status == BOOKING_EXPIRED and claim_seat(booking.session_id, booking.seats, booking.option_id) is None:
        return "The payment arrived after the seat's hold had ended and the seat was taken."
    if booking.status == BOOKING_EXPIRED and not reclaim_code_use(booking_id=booking.id):
        give_back_seat(booking.session_id, booking.seats, booking.option_id)
        return "The payment arrived after the seat's hold had ended and its code was used up."
    if booking.status not in (BOOKING_PENDING_PAYMENT, BOOKING_EXPIRED):  # cancelled meanwhile
        return "The booking was cancelled before the payment arrived."
    return None


def _seat_paid(booking: Booking, payment: Payment, user: User, event_: Event) -> None:
    """The paid booking is active: its hold's end and place in line go, a deposit starts its plan, and it is news."""
    booking.status, booking.hold_expires_at = BOOKING_ACTIVE, None
    drop_hold_expiries([booking.id])
    redeem_code(booking_id=booking.id)
    forget_waitlist(
        booking.user_id, booking.session_id, booking.dependent_id
    )  # back in line after the hold ended: seated now
    db.session.flush()
    event_session = db.session.get(EventSession, booking.session_id, populate_existing=True)
    plan = None
    if payment.instalment == DEPOSIT:  # the deposit: the balance's schedule starts
        total = instalments.booking_total(booking, event_session, event_.studio_id, payment.tax)
        instalments.start(booking, payment, event_session, event_, total)
        plan = {"plan": instalments.schedule_shown(instalments.of_booking(booking.id), event_.timezone)}
    party = guests_of([booking.id])[booking.id] if booking.seats > 1 else []
    summary, paid = payment_summary(payment), receipt(payment)
    news.publish(
        news.Booked(
            booking, user, event_session, event_, news.PersonFacts.of(event_.facilitator), party, summary, paid, plan
        )
    )


def _holds_another_seat(booking: Booking) -> bool:
    """The person holds a seat in this session through another booking (read under the session's lock)."""
    other = select(Booking.id).where(
        Booking.session_id == booking.session_id,
        Booking.user_id == booking.user_id,
        Booking.id != booking.id,
        Booking.status.in_((BOOKING_ACTIVE, BOOKING_PENDING_PAYMENT)),
    )
    return db.session.scalar(other.limit(1)) is not None


def _failed(payment: Payment, event: PaymentEvent) -> None:
    """The provider refused the payment: the hold ends now, unless the booking was paid some other way."""
    if payment.status != PAYMENT_PENDING:
        return  # a late "failed" after "succeeded" changes nothing
    payment.status, payment.failure = PAYMENT_FAILED, (event.failure or "The payment was declined.")[:500]
    if payment.pass_id is not None:
        pass_checkout.failed(payment)
        return
    booking = db.session.get(Booking, payment.booking_id, populate_existing=True)
    if booking.status == BOOKING_PENDING_PAYMENT and end_hold(booking, BOOKING_EXPIRED):
        tell_about_hold("hold_ended", booking, reason="declined")
