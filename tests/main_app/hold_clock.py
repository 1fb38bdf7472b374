"""Time passing for a held seat, in the tests: its hold's end made due now."""

from datetime import timedelta

import sqlalchemy as sa

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Booking, OutboxMessage, Payment, utcnow


def expire_now(app, booking_id: int) -> None:
    """Time passes: the hold's end (and its payments-lane message) is due now."""
    with app.app_context(), unit_of_work():
        past = utcnow() - timedelta(seconds=1)
        db.session.get(Booking, booking_id).hold_expires_at = past
        db.session.execute(
            sa.update(OutboxMessage).where(OutboxMessage.booking_id == booking_id).values(next_attempt_at=past)
        )
        db.session.execute(sa.update(Payment).where(Payment.booking_id == booking_id).values(expires_at=past))
