"""Closing a studio: refused while clients hold seats ahead or money of its is on its way; otherwise its row is marked
closed (never deleted, so its slug stays taken and its clients' history stays readable), its future sessions are
cancelled and its passes and codes stop selling, in one transaction with its audit entry."""

from sqlalchemy import func, or_, select, update

from main_app.plumbing import lock

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import (
    CODE_ACTIVE,
    CODE_RETIRED,
    INSTALMENT_DUE,
    PAYMENT_PENDING,
    PRODUCT_ON_SALE,
    PRODUCT_RETIRED,
    REFUND_INITIATED,
    SEAT_HOLDING,
    STATUS_CANCELLED,
    STATUS_SCHEDULED,
    Booking,
    BookingInstalment,
    DiscountCode,
    Event,
    EventSession,
    Pass,
    PassProduct,
    Payment,
    PaymentRefund,
    utcnow,
)
from . import audit
from .audit import Actor
from .studios import locked_studio

CLOSE_REASON = "The studio has closed."


def _future_sessions(studio_id: int, now):
    """The studio's scheduled sessions that have not started."""
    return (
        select(EventSession)
        .join(Event, Event.id == EventSession.event_id)
        .where(Event.studio_id == studio_id, EventSession.status == STATUS_SCHEDULED, EventSession.starts_at > now)
        .order_by(EventSession.id)
        .execution_options(populate_existing=True)
    )


def _sessions_with_bookings(session_ids: list[int]) -> int:
    """How many of these sessions hold a seat: a booking that holds one, or a seat taken (a held seat counts)."""
    if not session_ids:
        return 0
    holding = select(Booking.session_id).where(Booking.session_id.in_(session_ids), Booking.status.in_(SEAT_HOLDING))
    return db.session.scalar(
        select(func.count(EventSession.id)).where(
            EventSession.id.in_(session_ids), or_(EventSession.seats_taken > 0, EventSession.id.in_(holding))
        )
    )


def _studio_bookings(studio_id: int):
    """The ids of the studio's bookings, as a subquery."""
    return (
        select(Booking.id)
        .join(EventSession, EventSession.id == Booking.session_id)
        .join(Event, Event.id == EventSession.event_id)
        .where(Event.studio_id == studio_id)
    )


def money_in_flight(studio_id: int) -> int:
    """How many of the studio's payments, refunds and instalments are still pending."""
    bookings, passes = _studio_bookings(studio_id), select(Pass.id).where(Pass.studio_id == studio_id)
    payments = select(Payment.id).where(or_(Payment.booking_id.in_(bookings), Payment.pass_id.in_(passes)))
    pending = db.session.scalar(
        select(func.count(Payment.id)).where(
            Payment.id.in_(payments), or_(Payment.status == PAYMENT_PENDING, Payment.refund_status == REFUND_INITIATED)
        )
    )
    refunds = db.session.scalar(
        select(func.count(PaymentRefund.id)).where(
            PaymentRefund.payment_id.in_(payments), PaymentRefund.status == REFUND_INITIATED
        )
    )
    instalments = db.session.scalar(
        select(func.count(BookingInstalment.id)).where(
            BookingInstalment.booking_id.in_(bookings), BookingInstalment.status == INSTALMENT_DUE
        )
    )
    return pending + refunds + instalments


def _stop_selling(studio_id: int) -> dict:
    """Retire the studio's pass products on sale and its active codes; how many of each."""
    products = db.session.execute(
        update(PassProduct)
        .where(PassProduct.studio_id == studio_id, PassProduct.status == PRODUCT_ON_SALE)
        .values(status=PRODUCT_RETIRED)
    ).rowcount
    codes = db.session.execute(
        update(DiscountCode)
        .where(DiscountCode.studio_id == studio_id, DiscountCode.status == CODE_ACTIVE)
        .values(status=CODE_RETIRED)
    ).rowcount
    return {"pass_products_retired": products, "codes_retired": codes}


def close_studio(studio_id: int, actor: Actor, confirm: str | None) -> None:
    """Close the studio (its slug sent back as confirm, else 400); 409 while seats ahead are held or money is
    pending. The studio's row is locked first, then its future sessions, so a booking racing it either lands
    before (and the close is refused) or finds its session cancelled."""
    with unit_of_work():
        studio = locked_studio(studio_id)
        if confirm != studio.slug:
            raise api_error("studio_close_unconfirmed", details={"confirm": ["Send the studio's slug."]})
        now = utcnow()
        sessions = list(lock(EventSession, _future_sessions(studio_id, now)).scalars())
        if count := _sessions_with_bookings([session.id for session in sessions]):
            raise api_error("studio_has_future_bookings", count=count, details={"sessions": count})
        if count := money_in_flight(studio_id):
            raise api_error("studio_has_money_in_flight", count=count, details={"pending": count})
        for session in sessions:
            session.status = STATUS_CANCELLED
        stopped = _stop_selling(studio_id)
        studio.closed_at = now
        after = {"closed_at": now.isoformat(), "sessions_cancelled": len(sessions), **stopped}
        audit.record(studio_id, actor, "studio.closed", ("studio", studio_id), None, after)
