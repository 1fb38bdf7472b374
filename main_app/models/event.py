"""Events (sessions or retreats) and the bookable sessions within them."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db
from .user import User

EVENT_KINDS = ("session", "retreat")
STATUS_SCHEDULED = "scheduled"
STATUS_CANCELLED = "cancelled"


class Event(db.Model):
    """Something a facilitator offers: a class series or a retreat."""

    __tablename__ = "events"
    __table_args__ = (
        sa.CheckConstraint("kind IN ('session', 'retreat')", name="kind"),
        sa.CheckConstraint("status IN ('scheduled', 'cancelled')", name="status"),
        sa.CheckConstraint("refund_until_hours >= 0", name="refund_until_hours"),
        sa.Index("ix_events_starts_at_id", "starts_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    kind: Mapped[str] = mapped_column(sa.String(20), index=True)
    location: Mapped[str] = mapped_column(sa.String(200), default="")
    # IANA name (Asia/Kolkata): times are stored in UTC and shown, mailed and entered in this zone.
    timezone: Mapped[str] = mapped_column(sa.String(64), default="UTC")
    facilitator_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    status: Mapped[str] = mapped_column(sa.String(20), default=STATUS_SCHEDULED)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A paid booking cancelled by its person more than this many hours before the start is refunded in full.
    refund_until_hours: Mapped[int] = mapped_column(default=24, server_default="24")

    facilitator: Mapped[User] = relationship(lazy="raise")
    sessions: Mapped[list["EventSession"]] = relationship(
        back_populates="event", order_by="EventSession.starts_at, EventSession.id", lazy="raise"
    )


class EventSession(db.Model):
    """One bookable occurrence of an event, with a fixed number of seats."""

    __tablename__ = "sessions"
    __table_args__ = (
        sa.CheckConstraint("capacity > 0", name="capacity_positive"),
        # Backstop for the conditional UPDATE in services.bookings: the database never oversells.
        sa.CheckConstraint("seats_taken >= 0 AND seats_taken <= capacity", name="seats_within_capacity"),
        sa.CheckConstraint("status IN ('scheduled', 'cancelled')", name="status"),
        sa.CheckConstraint("price >= 0", name="price"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    capacity: Mapped[int]
    seats_taken: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(sa.String(20), default=STATUS_SCHEDULED)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # What a seat costs, in the currency's minor units (paise, cents); 0 is free.
    price: Mapped[int] = mapped_column(default=0, server_default="0")
    currency: Mapped[str] = mapped_column(sa.String(3), default="INR", server_default="INR")

    event: Mapped[Event] = relationship(back_populates="sessions", lazy="raise")

    @property
    def seats_left(self) -> int:
        """Seats still free."""
        return self.capacity - self.seats_taken
