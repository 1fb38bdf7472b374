"""Reading payments: the provider, a booking's payments, totals for facilitators, and what the CRM and receipts show."""

from flask import current_app
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased, joinedload

from ...extensions import db
from ...models import (
    BOOKING_PENDING_PAYMENT,
    PAYMENT_PENDING,
    PAYMENT_SUCCEEDED,
    REFUND_PROCESSED,
    Booking,
    BookingGuest,
    Event,
    EventSession,
    Payment,
    User,
    utcnow,
)
from ..common.money import format_money
from ..seats.capacity import lock_sessions_of
from .providers import make_provider


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
    # What went back for guests' seats given back on their own: part of a payment, refunded.
    for_guests = (
        select(func.coalesce(func.sum(BookingGuest.refund_amount), 0))
        .where(BookingGuest.booking_id == Booking.id, BookingGuest.refund_status == REFUND_PROCESSED)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(Booking.session_id, Booking.status, Payment.status, Payment.refund_status, Payment.amount, for_guests)
        .join(Payment, Payment.booking_id == Booking.id)
        .where(Booking.session_id.in_(session_ids))
        # Each booking's latest payment only (an earlier, abandoned checkout is no money), and every paid part of a
        # payment plan (its deposit and instalments are payments of their own).
        .where(
            or_(
                Payment.id == select(func.max(later.id)).where(later.booking_id == Booking.id).scalar_subquery(),
                and_(Payment.instalment.is_not(None), Payment.status == PAYMENT_SUCCEEDED),
            )
        )
    ).all()
    for session_id, booking_status, status, refund_status, amount, given_back in rows:
        if bucket := money_bucket(status, refund_status, booking_status):
            kept = amount - given_back if bucket == "paid" else amount
            found[session_id][bucket] += kept
            found[session_id]["refunded"] += amount - kept
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


def bookings_of(payment_ids: list[int]) -> list[int]:
    """The bookings these payments are for."""
    if not payment_ids:
        return []
    found = select(Payment.booking_id).where(Payment.id.in_(payment_ids), Payment.booking_id.is_not(None))
    return list(db.session.scalars(found))


def locked_payment(payment_id: int | None) -> Payment | None:
    """The payment, fresh and locked after its session and booking (the lock order of seats.capacity), so a webhook
    and a cancellation of the same booking never wait on each other; a pass's payment has neither."""
    if payment_id is None:
        return None
    booking_id = db.session.scalar(select(Payment.booking_id).where(Payment.id == payment_id))
    lock_sessions_of([booking_id] if booking_id is not None else [])
    return db.session.scalars(
        select(Payment).where(Payment.id == payment_id).with_for_update().execution_options(populate_existing=True)
    ).one()


def booking_for_update(booking_id: int) -> tuple[Booking, User, EventSession, Event]:
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


def payment_summary(payment: Payment) -> dict:
    """The booking's flat payment fields, for the CRM."""
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
