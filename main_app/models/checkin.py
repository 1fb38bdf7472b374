"""A seat checked in on the day: the booker's (seat 1) or a guest's (seat 2 on, in the order they were named)."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db


class Checkin(db.Model):
    """One seat of a booking present at its session; at most one row per seat, so a check-in is recorded once."""

    __tablename__ = "checkins"
    __table_args__ = (
        sa.UniqueConstraint("booking_id", "seat"),
        sa.CheckConstraint("seat >= 1", name="seat_positive"),
        sa.Index("ix_checkins_session_id", "session_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("sessions.id"))
    booking_id: Mapped[int] = mapped_column(sa.ForeignKey("bookings.id"))
    seat: Mapped[int]
    checked_in_at: Mapped[datetime] = mapped_column(UTCDateTime)  # when the device saw the person (maybe offline)
    device_id: Mapped[str] = mapped_column(sa.String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)  # when it reached us
