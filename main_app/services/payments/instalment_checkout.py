"""The checkout of one instalment of a booking's payment plan, opened by its person from the pay link: a payment
of its own (Payment.instalment names it) that the webhook marks paid once (services.payments.instalments)."""

from dataclasses import replace
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from main_app.services.seats import lock_sessions_of

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import (
    BOOKING_ACTIVE,
    INSTALMENT_DUE,
    INSTALMENT_PAID,
    PAYMENT_SUCCEEDED,
    Booking,
    BookingInstalment,
    Event,
    EventSession,
    Payment,
    User,
    utcnow,
)
from .checkout import create_checkout, opened_meanwhile, record_checkout, recorded
from .providers.base import CheckoutRequest

CHECKOUT_LIFE = timedelta(hours=1)  # an instalment holds no seat: its checkout may stay open a while


def open_instalment(user: User, booking_id: int, number: int) -> dict:
    """A checkout for instalment number of the caller's booking: 404 booking_not_found or instalment_not_found,
    409 instalment_paid, or instalment_not_due (cancelled, or the booking is not active)."""
    booking = db.session.get(Booking, booking_id)
    if booking is None or booking.user_id != user.id:
        raise api_error("booking_not_found", booking_id=booking_id)
    row = db.session.scalars(
        select(BookingInstalment).where(BookingInstalment.booking_id == booking_id, BookingInstalment.number == number)
    ).first()
    if row is None or number == 0:
        raise api_error("instalment_not_found", booking_id=booking_id, number=number)
    if row.status == INSTALMENT_PAID:
        raise api_error("instalment_paid", number=number)
    if row.status != INSTALMENT_DUE or booking.status != BOOKING_ACTIVE:
        raise api_error("instalment_not_due", number=number)
    event_session = db.session.get(EventSession, booking.session_id)
    event = db.session.get(Event, event_session.event_id)
    count = db.session.scalar(select(func.count(Payment.id)).where(Payment.booking_id == booking.id))
    last = db.session.scalar(
        select(func.max(BookingInstalment.number)).where(BookingInstalment.booking_id == booking_id)
    )
    request = replace(_request(booking, row, event.title, user.email, count, last), studio_id=event.studio_id)
    checkout = create_checkout(request, f"booking {booking.id} instalment {number}")
    with unit_of_work():
        lock_sessions_of([booking.id])  # two Pay clicks at once record their one checkout in turn
        payment = (
            recorded(checkout)
            or opened_meanwhile(booking.id, count, number)
            or record_checkout(
                request, checkout, booking_id=booking.id, instalment=number, tax=_deposit_tax(booking.id)
            )
        )
    return {
        "booking_id": booking.id,
        "number": number,
        "amount": payment.amount,
        "currency": payment.currency,
        "checkout_url": payment.checkout_url,
        "expires_at": payment.expires_at,
    }


def _deposit_tax(booking_id: int) -> dict | None:
    """The tax the booking's total was charged with when its deposit was paid: every instalment is a part of it."""
    return db.session.scalar(
        select(Payment.tax).where(
            Payment.booking_id == booking_id, Payment.instalment == 0, Payment.status == PAYMENT_SUCCEEDED
        )
    )


def _request(
    booking: Booking, row: BookingInstalment, title: str, email: str, count: int, last: int
) -> CheckoutRequest:
    """The checkout request of an instalment's payment, the booking's count-th payment so far."""
    number = row.number
    web = current_app.config["PUBLIC_WEB_URL"]
    # Pay clicks in one minute share one checkout: the key names the minute, and the checkout's end comes from it
    # alone, so one key always goes with the same parameters (else Stripe refuses the second: idempotency_error).
    minute = utcnow().replace(second=0, microsecond=0)
    return CheckoutRequest(
        booking_id=booking.id,
        amount=row.amount,
        currency=row.currency,
        description=f"{title}: instalment {number} of {last}",
        customer_email=email,
        success_url=f"{web}/bookings/{booking.id}/payment?result=success&instalment={number}",
        cancel_url=f"{web}/bookings/{booking.id}/payment?result=cancel&instalment={number}",
        expires_at=minute + CHECKOUT_LIFE,
        idempotency_key=f"instalment-{booking.id}-{number}-{count + 1}-{minute:%Y%m%d%H%M}",
    )
