"""The money check of payment plans: for every booking with a schedule, the money received less the refunds asked
equals what its schedule says was paid and kept."""

from sqlalchemy import func, select

from main_app.extensions import db
from main_app.models import BookingInstalment, Payment


def money_disagreements(app) -> list[tuple]:
    """(booking id, received - refunded, kept by the schedule) for every booking where the two differ."""
    with app.app_context():
        received = dict(
            db.session.execute(
                select(Payment.booking_id, func.sum(Payment.amount))
                .where(Payment.status == "succeeded", Payment.booking_id.is_not(None))
                .group_by(Payment.booking_id)
            ).all()
        )
        refunded = dict(
            db.session.execute(
                select(Payment.booking_id, func.sum(Payment.refund_amount))
                .where(Payment.refund_status.in_(("initiated", "processed")), Payment.booking_id.is_not(None))
                .group_by(Payment.booking_id)
            ).all()
        )
        kept = dict(
            db.session.execute(
                select(BookingInstalment.booking_id, func.sum(BookingInstalment.amount))
                .where(BookingInstalment.status == "paid")
                .group_by(BookingInstalment.booking_id)
            ).all()
        )
        scheduled = set(db.session.scalars(select(BookingInstalment.booking_id).distinct()))
        db.session.rollback()
    found = []
    for booking_id in scheduled:
        net = received.get(booking_id, 0) - refunded.get(booking_id, 0)
        if net != kept.get(booking_id, 0):
            found.append((booking_id, net, kept.get(booking_id, 0)))
    return found
