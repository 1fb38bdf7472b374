"""A session's room options (a retreat's private room, shared twin): each with its own price and seats, inside the
session's own capacity."""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class SessionOption(db.Model):
    """One choice a booking of its session names: its price per seat and its seats, taken with a conditional UPDATE
    after the session's (the session's capacity still caps the total). Retired instead of deleted once booked."""

    __tablename__ = "session_options"
    __table_args__ = (
        sa.CheckConstraint("capacity > 0", name="capacity_positive"),
        # Backstop for the conditional UPDATE in services.seats.capacity: the database never oversells an option.
        sa.CheckConstraint("seats_taken >= 0 AND seats_taken <= capacity", name="seats_within_capacity"),
        sa.CheckConstraint("price >= 0", name="price"),
        sa.Index("ix_session_options_session_id", "session_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("sessions.id"))
    name: Mapped[str] = mapped_column(sa.String(100))
    # What a seat in it costs, in the session's currency's minor units; it replaces the session's price.
    price: Mapped[int] = mapped_column(default=0, server_default="0")
    capacity: Mapped[int]
    seats_taken: Mapped[int] = mapped_column(default=0, server_default="0")
    position: Mapped[int] = mapped_column(default=0, server_default="0")
    # No longer offered (it was removed while bookings held it): kept for those bookings, never booked again.
    retired: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    @property
    def seats_left(self) -> int:
        """Seats of this option still free (the session may have fewer)."""
        return self.capacity - self.seats_taken
