"""The money checks: for every booking with a schedule (payment plans), the money received less the refunds asked
equals what its schedule says was paid and kept (less what staff gave back of a paid instalment's payment); and no
money kept without a record: every payment a provider captured on a checkout of ours that was paid has a row."""

from sqlalchemy import func, inspect, literal, select

from main_app.extensions import db
from main_app.models import BookingInstalment, Payment


def _staff_refunded():
    """What staff asked back of a payment; nothing on a database migrated back before staff refunds (0045)."""
    known = {column["name"] for column in inspect(db.engine).get_columns("payments")}
    return Payment.staff_refunded if "staff_refunded" in known else literal(0)


def _by_booking(query) -> dict:
    return dict(db.session.execute(query).all())


def money_disagreements(app) -> list[tuple]:
    """(booking id, received - refunded, kept by the schedule) for every booking where the two differ."""
    with app.app_context():
        staff_refunded = _staff_refunded()
        of_bookings = (Payment.status == "succeeded", Payment.booking_id.is_not(None))
        received = _by_booking(
            select(Payment.booking_id, func.sum(Payment.amount - staff_refunded))
            .where(*of_bookings)
            .group_by(Payment.booking_id)
        )
        refunded = _by_booking(
            select(Payment.booking_id, func.sum(Payment.refund_amount))
            .where(Payment.refund_status.in_(("initiated", "processed")), Payment.booking_id.is_not(None))
            .group_by(Payment.booking_id)
        )
        kept = _by_booking(
            select(BookingInstalment.booking_id, func.sum(BookingInstalment.amount - func.coalesce(staff_refunded, 0)))
            .outerjoin(Payment, Payment.id == BookingInstalment.payment_id)
            .where(BookingInstalment.status == "paid")
            .group_by(BookingInstalment.booking_id)
        )
        scheduled = set(db.session.scalars(select(BookingInstalment.booking_id).distinct()))
        db.session.rollback()
    found = []
    for booking_id in scheduled:
        net = received.get(booking_id, 0) - refunded.get(booking_id, 0)  # received: less what staff gave back
        if net != kept.get(booking_id, 0):
            found.append((booking_id, net, kept.get(booking_id, 0)))
    return found


def unrecorded_captures(app, captured: dict[str, dict]) -> list[str]:
    """The provider's payment ids (captured: the fake provider's payments by id) captured on a checkout of ours whose
    payment succeeded, with no payment row of their own: money taken and kept with no record."""
    with app.app_context():
        paid = set(
            db.session.scalars(
                select(Payment.reference).where(Payment.status == "succeeded", Payment.surplus_of.is_(None))
            )
        )
        recorded = set(db.session.scalars(select(Payment.payment_id).where(Payment.payment_id.is_not(None))))
        db.session.rollback()
    return [
        payment_id
        for payment_id, payment in captured.items()
        if payment.get("status") == "captured" and payment.get("order_id") in paid and payment_id not in recorded
    ]
