"""A booking's payment schedule under its event's payment plan: the deposit (number 0) and the balance's
instalments (1..n), each paid by one payment of its own."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime

from ..extensions import db

INSTALMENT_DUE, INSTALMENT_PAID = "due", "paid"
INSTALMENT_CANCELLED, INSTALMENT_REFUNDED = "cancelled", "refunded"  # never paid / paid, then given back
INSTALMENT_STATUSES = (INSTALMENT_DUE, INSTALMENT_PAID, INSTALMENT_CANCELLED, INSTALMENT_REFUNDED)
CANCELLED_FOR_BALANCE = "balance_missed"  # Booking.cancelled_by of a booking whose balance was never paid


class BookingInstalment(db.Model):
    """One payment of a booking's schedule; its status changes only by a conditional UPDATE on the status read."""

    __tablename__ = "booking_instalments"
    __table_args__ = (
        sa.CheckConstraint("status IN ('due', 'paid', 'cancelled', 'refunded')", name="status"),
        sa.CheckConstraint("amount > 0", name="amount_positive"),
        sa.CheckConstraint("number >= 0", name="number"),
        sa.UniqueConstraint("booking_id", "number"),
        sa.Index("ix_booking_instalments_payment_id", "payment_id"),
        # The revenue report's instalments still due: few beside all a studio's plans ever had.
        sa.Index(
            "ix_booking_instalments_due_booking_id",
            "booking_id",
            sqlite_where=sa.text("status = 'due'"),
            postgresql_where=sa.text("status = 'due'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(sa.ForeignKey("bookings.id"))
    number: Mapped[int]  # 0: the deposit, paid at booking; 1..n: the balance's instalments
    amount: Mapped[int]
    currency: Mapped[str] = mapped_column(sa.String(3))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(sa.String(20), default=INSTALMENT_DUE)
    payment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("payments.id"))  # the payment that paid it
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
