"""A user's seat in a session."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db
from .event import EventSession
from .user import User

BOOKING_ACTIVE = "active"
BOOKING_CANCELLED = "cancelled"


class Booking(db.Model):
    """A seat held (active) or given back (cancelled); at most one active per session and user."""

    __tablename__ = "bookings"
    __table_args__ = (
        sa.CheckConstraint("status IN ('active', 'cancelled')", name="status"),
        sa.Index(
            "uq_bookings_one_active_per_user",
            "session_id",
            "user_id",
            unique=True,
            sqlite_where=sa.text("status = 'active'"),
            postgresql_where=sa.text("status = 'active'"),
        ),
        sa.Index("ix_bookings_user_id_id", "user_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("sessions.id"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(sa.String(20), default=BOOKING_ACTIVE)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancel_reason: Mapped[str | None] = mapped_column(sa.String(500))
    reactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The booking came from the waiting list: a freed seat went to this person, first in line.
    from_waitlist: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # The calendar entry's SEQUENCE: raised with every change a calendar should pick up (moved, cancelled, back).
    calendar_sequence: Mapped[int] = mapped_column(default=0, server_default="0")

    session: Mapped[EventSession] = relationship(lazy="raise")
    user: Mapped[User] = relationship(lazy="raise")
