"""Paid seats: the hold while a person pays, the checkout, what a verified webhook means for the booking, and
refunds (through the outbox's payments channel, so they are retried and never lost).

A paid booking starts pending_payment: its seat is held (it counts against the capacity) until hold_expires_at,
and a payments-channel message due then ends the hold if no payment came. Only a succeeded payment makes it
active, and only then do the CRM and the person hear of it. The provider is called outside any transaction."""

import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import aliased, joinedload

from service_kit.errors import ServiceUnavailable

from ...database import retry_on_deadlock, unit_of_work
from ...extensions import db
from ...models import (
    BOOKING_ACTIVE,
    BOOKING_CANCELLED,
    BOOKING_EXPIRED,
    BOOKING_PENDING_PAYMENT,
    BOOKING_REFUNDED,
    CANCELLED_BY_PERSON,
    CHANNEL_PAYMENTS,
    OUTBOX_PENDING,
    PAYMENT_FAILED,
    PAYMENT_PENDING,
    PAYMENT_SUCCEEDED,
    REFUND_FAILED,
    REFUND_INITIATED,
    REFUND_PROCESSED,
    Booking,
    Event,
    EventSession,
    OutboxMessage,
    Payment,
    PaymentWebhook,
    User,
    new_message_id,
    utcnow,
)
from ..common.local_times import local_range
from ..common.money import format_money
from ..crm.messages import enqueue_about_session, enqueue_booking_change
from ..emails.attendee_mail import mail_booking, not_out, schedule_reminders
from ..seats import waitlist
from ..seats.capacity import claim_seat, give_back_seat, lock_sessions, lock_sessions_of
from .providers import base as events
from .providers import make_provider
from .providers.base import CheckoutRequest, PaymentError, PaymentEvent, Refund, UnknownProvider

log = logging.getLogger(__name__)
HOLD_EXPIRY, REFUND, CLOSE_CHECKOUT = "hold_expiry", "refund", "close_checkout"
# A seat that came free for someone on the waiting list waits longer: they hear of it by email.
PROMOTED_HOLD = timedelta(hours=12)


def provider(name: str | None = None):
    """The payment provider by name (PAYMENT_PROVIDER by default), one per app."""
    name = name or current_app.config["PAYMENT_PROVIDER"]
    providers = current_app.extensions.setdefault("payment_providers", {})
    if name not in providers:
        providers[name] = make_provider(name, current_app.config)
    return providers[name]


def latest_payment(booking_id: int) -> Payment | None:
    return db.session.scalars(
        select(Payment).where(Payment.booking_id == booking_id).order_by(Payment.id.desc()).limit(1)
    ).first()


def payments_of(booking_ids: list[int]) -> dict[int, Payment]:
    """Each booking's latest payment (bookings of free sessions have none): one query."""
    rows = db.session.scalars(select(Payment).where(Payment.booking_id.in_(booking_ids)).order_by(Payment.id)).all()
    return {payment.booking_id: payment for payment in rows}  # the latest wins


def totals(session_ids: list[int]) -> dict[int, dict]:
    """Per session, in its currency's minor units: paid (and kept), pending (held seats' checkouts), refunded."""
    found = {session_id: {"paid": 0, "pending": 0, "refunded": 0} for session_id in session_ids}
    later = aliased(Payment)
    rows = db.session.execute(
        select(Booking.session_id, Booking.status, Payment.status, Payment.refund_status, Payment.amount)
        .join(Payment, Payment.booking_id == Booking.id)
        .where(Booking.session_id.in_(session_ids))
        # Each booking's latest payment only: an earlier, abandoned checkout is no money.
        .where(Payment.id == select(func.max(later.id)).where(later.booking_id == Booking.id).scalar_subquery())
    ).all()
    for session_id, booking_status, status, refund_status, amount in rows:
        if bucket := money_bucket(status, refund_status, booking_status):
            found[session_id][bucket] += amount
    return found


def money_bucket(status: str, refund_status: str | None, booking_status: str) -> str | None:
    """Which total a booking's latest payment counts in: refunded, paid, pending (a held seat's open checkout), or
    none (declined, abandoned)."""
    if refund_status == REFUND_PROCESSED:
        return "refunded"
    if status == PAYMENT_SUCCEEDED:
        return "paid"
    if status == PAYMENT_PENDING and booking_status == BOOKING_PENDING_PAYMENT:
        return "pending"
    return None


# -- holding a seat and opening the checkout -----------------------------------------------------------------


def hold(booking: Booking, event_session: EventSession, *, promoted: bool = False) -> None:
    """Make a new booking a held seat (inside the caller's unit of work): pending until paid, ended on time."""
    length = PROMOTED_HOLD if promoted else timedelta(seconds=current_app.config["PAYMENT_HOLD_SECONDS"])
    booking.status = BOOKING_PENDING_PAYMENT
    booking.hold_expires_at = min(utcnow() + length, event_session.starts_at)
    db.session.flush()
    message = OutboxMessage(
        id=new_message_id(),
        channel=CHANNEL_PAYMENTS,
        type=HOLD_EXPIRY,
        booking_id=booking.id,
        payload={"booking_id": booking.id},
        next_attempt_at=booking.hold_expires_at,
    )
    db.session.add(message)


def open_checkout(booking: Booking, user: User, event_session: EventSession, event: Event) -> Payment:
    """Open the provider's checkout for a held seat (a network call: never inside a transaction) and record it."""
    if current_app.config["APP_ENV"] == "production" and current_app.config["PAYMENT_PROVIDER"] == "test":
        raise ServiceUnavailable("Payments are not set up here yet.", code="payments_unavailable")
    web = current_app.config["PUBLIC_WEB_URL"]
    count = db.session.scalar(select(func.count(Payment.id)).where(Payment.booking_id == booking.id))
    request = CheckoutRequest(
        booking_id=booking.id,
        amount=event_session.price,
        currency=event_session.currency,
        description=f"{event.title}, {local_range(event_session.starts_at, event_session.ends_at, event.timezone)}",
        customer_email=user.email,
        success_url=f"{web}/bookings/{booking.id}/payment?result=success",
        cancel_url=f"{web}/bookings/{booking.id}/payment?result=cancel",
        expires_at=booking.hold_expires_at,
        idempotency_key=f"checkout-{booking.id}-{count + 1}",
    )
    db.session.rollback()  # no transaction stays open across the provider's answer
    try:
        checkout = provider().create_checkout(request)
    except PaymentError as exc:
        log.warning("checkout for booking %s failed: %s", booking.id, exc)
        raise ServiceUnavailable(
            "The payment provider could not be reached; nothing was charged. Please try again.",
            code="payment_provider_unavailable",
        ) from None
    with unit_of_work():
        payment = Payment(
            booking_id=booking.id,
            provider=provider().name,
            reference=checkout.reference,
            checkout_url=checkout.url,
            status=PAYMENT_PENDING,
            amount=request.amount,
            currency=request.currency,
            expires_at=request.expires_at,  # the hold's end (a provider's checkout may stay open longer)
        )
        db.session.add(payment)
    return payment


def release_unopened(booking_id: int) -> None:
    """The checkout could not be opened: the held seat goes back and the booking is gone, as if never made."""
    with unit_of_work():
        lock_sessions_of([booking_id])
        booking = db.session.get(Booking, booking_id, populate_existing=True)
        if booking is None or booking.status != BOOKING_PENDING_PAYMENT:
            return
        _drop_hold_expiry(booking_id)
        db.session.delete(booking)
        give_back_seat(booking.session_id)
        waitlist.promote(booking.session_id)


def _drop_hold_expiry(booking_id: int) -> None:
    drop_hold_expiries([booking_id])


def close_checkouts(booking_ids: list[int]) -> None:
    """Their holds ended: an open checkout takes no payment from now. Ours closes here; a provider's hosted page is
    closed through the payments lane (a network call, after this commit). A payment that still arrives, from a
    page closed too late, is refunded or finds the seat, as _paid decides."""
    if not booking_ids:
        return
    closed = db.session.execute(
        update(Payment)
        .where(Payment.booking_id.in_(booking_ids), Payment.status == PAYMENT_PENDING)
        .values(expires_at=utcnow())
        .returning(Payment.booking_id, Payment.provider, Payment.reference)
        .execution_options(synchronize_session=False)
    ).all()
    for booking_id, provider_name, reference in closed:
        if _closes_remotely(provider_name):
            db.session.add(
                OutboxMessage(
                    id=new_message_id(),
                    channel=CHANNEL_PAYMENTS,
                    type=CLOSE_CHECKOUT,
                    booking_id=booking_id,
                    payload={"close_checkout": reference, "provider": provider_name},
                )
            )


def _closes_remotely(provider_name: str) -> bool:
    """Whether this provider's hosted checkout must be told to close (one no longer set up here cannot be)."""
    try:
        return provider(provider_name).closes_checkouts
    except UnknownProvider:
        return False


def drop_hold_expiries(booking_ids: list[int]) -> None:
    """These holds ended another way (paid, cancelled): nothing is left for the dispatcher to end."""
    if not booking_ids:
        return
    db.session.execute(
        delete(OutboxMessage)
        .where(
            OutboxMessage.channel == CHANNEL_PAYMENTS,
            OutboxMessage.type == HOLD_EXPIRY,
            OutboxMessage.booking_id.in_(booking_ids),
            OutboxMessage.status == OUTBOX_PENDING,
            not_out(),  # one being delivered finds the hold over and does nothing
        )
        .execution_options(synchronize_session=False)
    )


# -- the end of a hold ---------------------------------------------------------------------------------------


def expire_hold(booking_id: int, *, now: datetime | None = None) -> bool:
    """End an unpaid hold that is due (inside the caller's unit of work): the seat goes back, to the waiting list
    first. False when there is nothing to end (paid, cancelled, or not due yet)."""
    now = now or utcnow()
    lock_sessions_of([booking_id])
    booking = db.session.get(Booking, booking_id, populate_existing=True)
    if booking is None or booking.status != BOOKING_PENDING_PAYMENT or booking.hold_expires_at > now:
        return False
    return _end_hold(booking, BOOKING_EXPIRED)


def _end_hold(booking: Booking, status: str, reason: str | None = None) -> bool:
    """End a hold with one conditional UPDATE (a payment or another request may end it at the same moment): the
    seat goes back, to the waiting list first. False when it was no longer held."""
    values = {"status": status, "hold_expires_at": None}
    if status == BOOKING_CANCELLED:
        values.update(cancelled_at=utcnow(), cancel_reason=reason, cancelled_by=CANCELLED_BY_PERSON)
    result = db.session.execute(
        update(Booking)
        .where(Booking.id == booking.id, Booking.status == BOOKING_PENDING_PAYMENT)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        return False
    close_checkouts([booking.id])
    _drop_hold_expiry(booking.id)
    give_back_seat(booking.session_id)
    waitlist.promote(booking.session_id)
    return True


def bookings_of(payment_ids: list[int]) -> list[int]:
    """The bookings these payments are for."""
    if not payment_ids:
        return []
    return list(db.session.scalars(select(Payment.booking_id).where(Payment.id.in_(payment_ids))))


def expire_due_holds(session_id: int) -> int:
    """End every due hold of a session now (a booking found it full): seats come back even with no dispatcher.
    The session first, then its bookings lowest id first: the lock order."""
    lock_sessions([session_id])
    due = db.session.scalars(
        select(Booking.id)
        .where(
            Booking.session_id == session_id,
            Booking.status == BOOKING_PENDING_PAYMENT,
            Booking.hold_expires_at <= utcnow(),
        )
        .order_by(Booking.id)
    ).all()
    return sum(expire_hold(booking_id) for booking_id in due)


def cancel_hold(booking: Booking, reason: str | None) -> bool:
    """The person gave up before paying (inside the caller's unit of work): the seat goes back. False when the
    booking was no longer held (paid meanwhile)."""
    return _end_hold(booking, BOOKING_CANCELLED, reason)


# -- webhooks ------------------------------------------------------------------------------------------------


INSERT_WEBHOOK = {
    name: insert(PaymentWebhook.__table__)
    .on_conflict_do_nothing(index_elements=["provider", "event_id"])
    .returning(PaymentWebhook.id)
    for name, insert in (("postgresql", postgresql.insert), ("sqlite", sqlite.insert))
}


@retry_on_deadlock
def apply_webhook(provider_name: str, event: PaymentEvent) -> str:
    """Apply one verified provider event, once: "applied", "duplicate" (only an event id seen before) or "ignored"."""
    with unit_of_work():
        # A row already there, or committed meanwhile by the same event's other delivery (PostgreSQL waits for it),
        # is skipped: the one thing that makes a webhook a duplicate. Anything else is applied or fails loudly.
        seen = INSERT_WEBHOOK[db.engine.dialect.name].values(
            provider=provider_name, event_id=event.event_id, kind=event.kind, received_at=utcnow()
        )
        if db.session.execute(seen).first() is None:
            return "duplicate"
        if event.kind in (events.PAYMENT_SUCCEEDED, events.PAYMENT_FAILED):
            payment = _payment_by_reference(provider_name, event.reference)
            if payment is None:
                log.warning("%s webhook %s names no checkout of ours", provider_name, event.event_id)
                return "ignored"
            if event.kind == events.PAYMENT_SUCCEEDED:
                _paid(payment, event)
            else:
                _failed(payment, event)
        elif event.kind in (events.REFUND_PROCESSED, events.REFUND_FAILED):
            payment = _payment_by_refund(provider_name, event)
            if payment is None:
                return "ignored"
            refund_settled(payment, event.kind == events.REFUND_PROCESSED, event.failure)
        else:
            return "ignored"
    return "applied"


def _payment_by_reference(provider_name: str, reference: str | None) -> Payment | None:
    found = db.session.scalar(
        select(Payment.id).where(Payment.provider == provider_name, Payment.reference == (reference or ""))
    )
    return _locked(found)


def _payment_by_refund(provider_name: str, event: PaymentEvent) -> Payment | None:
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
        select(Payment.id).where(Payment.provider == provider_name, or_(*conditions)).order_by(Payment.id).limit(1)
    )
    return _locked(found)


def _locked(payment_id: int | None) -> Payment | None:
    """The payment, fresh and locked after its session and booking (the lock order of services.seats.capacity), so a webhook
    and a cancellation of the same booking never wait on each other."""
    if payment_id is None:
        return None
    booking_id = db.session.scalar(select(Payment.booking_id).where(Payment.id == payment_id))
    lock_sessions_of([booking_id])
    return db.session.scalars(
        select(Payment).where(Payment.id == payment_id).with_for_update().execution_options(populate_existing=True)
    ).one()


def _load(booking_id: int) -> tuple[Booking, User, EventSession, Event]:
    booking = db.session.scalars(
        select(Booking)
        .options(
            joinedload(Booking.user),
            joinedload(Booking.session).joinedload(EventSession.event).joinedload(Event.facilitator),
        )
        .where(Booking.id == booking_id)
        .with_for_update(of=Booking)
        .execution_options(populate_existing=True)
    ).one()
    return booking, booking.user, booking.session, booking.session.event


def _paid(payment: Payment, event: PaymentEvent) -> None:
    """Money moved: confirm the seat, or (no seat, wrong amount, paid twice) give the money back."""
    if payment.status == PAYMENT_SUCCEEDED:
        return  # told already (another event id for the same payment)
    payment.status, payment.payment_id, payment.paid_at, payment.failure = (
        PAYMENT_SUCCEEDED,
        event.payment_id,
        utcnow(),
        None,
    )
    booking, user, event_session, event_ = _load(payment.booking_id)
    if (event.amount, event.currency) != (payment.amount, payment.currency):
        log.warning(
            "payment %s: paid %s %s, asked %s %s",
            payment.id,
            event.amount,
            event.currency,
            payment.amount,
            payment.currency,
        )
        payment.amount, payment.currency = event.amount or payment.amount, event.currency or payment.currency
        request_refund(payment, "The amount paid did not match the price.")
        return
    if booking.status == BOOKING_ACTIVE:
        request_refund(payment, "This booking was already paid.")
        return
    if booking.status == BOOKING_EXPIRED and _holds_another_seat(booking):
        request_refund(payment, "The payment arrived after the hold had ended, and the seat was booked again.")
        return
    if booking.status == BOOKING_EXPIRED and claim_seat(booking.session_id) is None:
        request_refund(payment, "The payment arrived after the seat's hold had ended and the seat was taken.")
        return
    if booking.status not in (BOOKING_PENDING_PAYMENT, BOOKING_EXPIRED):  # cancelled meanwhile
        request_refund(payment, "The booking was cancelled before the payment arrived.")
        return
    booking.status, booking.hold_expires_at = BOOKING_ACTIVE, None
    _drop_hold_expiry(booking.id)
    waitlist.forget(booking.user_id, booking.session_id)  # back in line after the hold ended: seated now
    db.session.flush()
    event_session = db.session.get(EventSession, booking.session_id, populate_existing=True)
    enqueue_booking_change(booking, "created", user, event_session, event_, payment=payment_summary(payment))
    enqueue_about_session(
        "payment_succeeded",
        event_session,
        event_,
        user,
        f"{user.name} paid {format_money(payment.amount, payment.currency)} for {event_.title}",
        {**payment_summary(payment), "booking_id": booking.id},
        booking_id=booking.id,
        actor=user,
    )
    mail_booking(
        "booking_confirmed", booking, user, event_session, event_, event_.facilitator, receipt=receipt(payment)
    )
    schedule_reminders(booking, user, event_session, event_, event_.facilitator)


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
    booking = db.session.get(Booking, payment.booking_id, populate_existing=True)
    if booking.status == BOOKING_PENDING_PAYMENT:
        _end_hold(booking, BOOKING_EXPIRED)


def payment_summary(payment: Payment) -> dict:
    """The seed's payment fields, for the CRM."""
    return {
        "payment_id": payment.payment_id,
        "payment_status": payment.status,
        "payment_provider": payment.provider,
        "amount_paid": payment.amount if payment.status == PAYMENT_SUCCEEDED else 0,
        "currency": payment.currency,
    }


def receipt(payment: Payment) -> dict:
    """What a confirmation email's receipt shows."""
    return {
        "amount": format_money(payment.amount, payment.currency),
        "payment_id": payment.payment_id,
        "provider": payment.provider,
        "paid_at": (payment.paid_at or utcnow()).isoformat(),
    }


# -- refunds -------------------------------------------------------------------------------------------------


def refundable_until(event_session: EventSession, event: Event) -> datetime:
    """Until when the person's own cancellation is refunded in full."""
    return event_session.starts_at - timedelta(hours=event.refund_until_hours)


def request_refund(payment: Payment, reason: str) -> bool:
    """Queue a full refund of a succeeded payment (inside the caller's unit of work); False if there is nothing to
    refund (not paid, or refunded already)."""
    if payment.status != PAYMENT_SUCCEEDED or payment.refund_status in (REFUND_INITIATED, REFUND_PROCESSED):
        return False
    payment.refund_status, payment.refund_amount, payment.refund_reason = REFUND_INITIATED, payment.amount, reason[:500]
    db.session.add(
        OutboxMessage(
            id=new_message_id(),
            channel=CHANNEL_PAYMENTS,
            type=REFUND,
            booking_id=payment.booking_id,
            payload={
                "payment": payment.id,
                "provider": payment.provider,
                "payment_id": payment.payment_id,
                "amount": payment.amount,
                "currency": payment.currency,
            },
        )
    )
    return True


def refund_sent(payment_id: int, refund: Refund) -> None:
    """The provider took the refund (dispatcher, inside its unit of work): processed now, or when its webhook says."""
    payment = _locked(payment_id)
    if payment is None or payment.refund_status == REFUND_PROCESSED:
        return
    payment.refund_id = refund.refund_id
    if refund.status == "processed":
        refund_settled(payment, True)


def refund_settled(payment: Payment, processed: bool, failure: str | None = None) -> None:
    """A refund is done (or failed for good): the booking, the CRM and the person are told."""
    if payment.refund_status == REFUND_PROCESSED or (not processed and payment.refund_status == REFUND_FAILED):
        return  # told already
    payment.refund_status = REFUND_PROCESSED if processed else REFUND_FAILED
    if processed:
        payment.refunded_at = utcnow()
    booking, user, event_session, event = _load(payment.booking_id)
    if processed and booking.status in (BOOKING_CANCELLED, BOOKING_EXPIRED):
        booking.status = BOOKING_REFUNDED
    amount = payment.refund_amount or payment.amount
    enqueue_about_session(  # no actor: news for the facilitator either way
        "refund_processed" if processed else "refund_failed",
        event_session,
        event,
        user,
        f"Refund of {format_money(amount, payment.currency)} to {user.name} for {event.title} "
        f"{'processed' if processed else 'failed'}",
        {
            "booking_id": booking.id,
            "refund_id": payment.refund_id,
            "amount": amount,
            "currency": payment.currency,
            "reason": payment.refund_reason if processed else (failure or payment.refund_reason),
        },
        booking_id=booking.id,
    )
    if processed:
        refund = {"amount": format_money(amount, payment.currency)}
        mail_booking("refund_processed", booking, user, event_session, event, event.facilitator, refund=refund)


def refund_dead(payment_id: int, error: str) -> None:
    """The dispatcher gave up on a refund: operators see it (and can retry it); the CRM hears refund_failed."""
    payment = _locked(payment_id)
    if payment is not None and payment.refund_status == REFUND_INITIATED:
        refund_settled(payment, False, error[:500])
