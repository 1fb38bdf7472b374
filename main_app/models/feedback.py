"""How someone who attended rated the session: one answer per booking, changeable while its link lasts."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db

GUEST_ANSWER = sa.text("guest_id IS NOT NULL")
BOOKER_ANSWER = sa.text("guest_id IS NULL")


class Feedback(db.Model):
    """A rating from 1 to 5 and an optional comment, for one booking of one session: its booker's, and one per guest
    who came and gave an email (guest_id)."""

    __tablename__ = "feedback"
    __table_args__ = (
        sa.Index(
            "uq_feedback_booking_id",
            "booking_id",
            unique=True,
            sqlite_where=BOOKER_ANSWER,
            postgresql_where=BOOKER_ANSWER,
        ),
        sa.Index(
            "uq_feedback_guest_id", "guest_id", unique=True, sqlite_where=GUEST_ANSWER, postgresql_where=GUEST_ANSWER
        ),
        sa.CheckConstraint("rating >= 1 AND rating <= 5", name="rating"),
        sa.Index("ix_feedback_session_id", "session_id"),
        sa.Index("ix_feedback_user_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(sa.ForeignKey("bookings.id"))
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("sessions.id"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))  # the booker's, a guest's answer too
    guest_id: Mapped[int | None] = mapped_column(sa.ForeignKey("booking_guests.id"))
    rating: Mapped[int]
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
