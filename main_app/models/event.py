"""Events (sessions or retreats) and the bookable sessions within them."""

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db
from .studio import Studio
from .user import User

EVENT_KINDS = ("session", "retreat")
STATUS_SCHEDULED = "scheduled"
STATUS_CANCELLED = "cancelled"
WAITLIST_AUTO, WAITLIST_OFFER = "auto", "offer"
WAITLIST_MODES = (WAITLIST_AUTO, WAITLIST_OFFER)


class Event(db.Model):
    """Something a studio offers: a class series or a retreat."""

    __tablename__ = "events"
    __table_args__ = (
        sa.CheckConstraint("kind IN ('session', 'retreat')", name="kind"),
        sa.CheckConstraint("status IN ('scheduled', 'cancelled')", name="status"),
        sa.CheckConstraint("refund_until_hours >= 0", name="refund_until_hours"),
        sa.CheckConstraint("late_cancel_hours >= 0", name="late_cancel_hours"),
        sa.Index("ix_events_starts_at_id", "starts_at", "id"),
        # The catalogue's count: events not yet over (a range as wide as what is upcoming), scheduled or not.
        sa.Index("ix_events_ends_at_status", "ends_at", "status"),
        # The catalogue's kind and facilitator filters: the events of one not yet over, not all it ever had.
        sa.Index("ix_events_kind_ends_at", "kind", "ends_at"),
        sa.Index("ix_events_facilitator_id_ends_at", "facilitator_id", "ends_at"),
        sa.Index("ix_events_studio_id_ends_at", "studio_id", "ends_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    kind: Mapped[str] = mapped_column(sa.String(20))
    location: Mapped[str] = mapped_column(sa.String(200), default="")
    # Where it is held, as tax needs it (the place of supply of admission or a stay): the country (ISO 3166) and, in
    # India, GST's state code; null: at the studio's own address.
    location_country: Mapped[str | None] = mapped_column(sa.String(2))
    location_state_code: Mapped[str | None] = mapped_column(sa.String(2))
    # IANA name (Asia/Kolkata): times are stored in UTC and shown, mailed and entered in this zone.
    timezone: Mapped[str] = mapped_column(sa.String(64), default="UTC")
    facilitator_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))  # who made it
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id"))  # whose it is
    status: Mapped[str] = mapped_column(sa.String(20), default=STATUS_SCHEDULED)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A paid booking cancelled by its person more than this many hours before the start is refunded in full.
    refund_until_hours: Mapped[int] = mapped_column(default=24, server_default="24")
    # A seat booked with a pass and cancelled by its person more than this many hours ahead gets its credit back.
    late_cancel_hours: Mapped[int] = mapped_column(default=12, server_default="12")
    # Each booking is a request its facilitator approves or declines (pending_approval until then).
    requires_approval: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # The ages (in whole years at the session's date) a child booked for it may be; None: no bound. People booking
    # for themselves count as adults (18).
    min_age: Mapped[int | None]
    max_age: Mapped[int | None]
    # A retreat's payment plan (services.payments.plans): {"deposit": {"percent": 20} or {"amount": N per seat},
    # "deposit_refundable", "balance_due_days", "instalments"}; null: paid in full at booking.
    payment_plan: Mapped[dict | None] = mapped_column(sa.JSON)
    # A private session's own event (services.appointments): its sessions are booked 1:1, never on the timetable.
    private: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    facilitator: Mapped[User] = relationship(lazy="raise")
    studio: Mapped[Studio] = relationship(lazy="raise")
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
        sa.CheckConstraint("waitlist_mode IN ('auto', 'offer')", name="waitlist_mode"),
        sa.CheckConstraint("offer_minutes > 0", name="offer_minutes"),
        sa.CheckConstraint("auto_until_hours IS NULL OR auto_until_hours >= 0", name="auto_until_hours"),
        sa.CheckConstraint("max_seats_per_booking >= 1", name="max_seats_per_booking"),
        # The timetable: sessions across events by their start.
        sa.Index("ix_sessions_starts_at_id", "starts_at", "id"),
        # "My teaching" and the seed routes: the sessions one person teaches, by start.
        sa.Index("ix_sessions_instructor_id_starts_at", "instructor_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id"), index=True)
    instructor_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))  # a member of the event's studio
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    capacity: Mapped[int]
    seats_taken: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(sa.String(20), default=STATUS_SCHEDULED)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # What a seat costs, in the currency's minor units (paise, cents); 0 is free.
    price: Mapped[int] = mapped_column(default=0, server_default="0")
    currency: Mapped[str] = mapped_column(sa.String(3), default="INR", server_default="INR")
    # How a freed seat reaches the line: "auto" books the head of the line at once; "offer" offers it to the head
    # for offer_minutes (never past the start), passing on when declined or not taken. With auto_until_hours, an
    # "offer" session still books at once until that many hours before its start.
    waitlist_mode: Mapped[str] = mapped_column(sa.String(10), default=WAITLIST_AUTO, server_default=WAITLIST_AUTO)
    offer_minutes: Mapped[int] = mapped_column(default=120, server_default="120")
    auto_until_hours: Mapped[int | None]
    # How many seats one booking (the booker and their guests) or one place in line may take.
    max_seats_per_booking: Mapped[int] = mapped_column(default=6, server_default="6")
    # Where it is held: "in_person" (at the event's location), "online" or "hybrid" (both); an online or hybrid
    # session's video link (any https address) reaches only the people booked, through our join route.
    mode: Mapped[str] = mapped_column(sa.String(10), default="in_person", server_default="in_person")
    video_url: Mapped[str | None] = mapped_column(sa.String(500))
    # The recurring series it was made from (models.series), if any.
    series_id: Mapped[int | None] = mapped_column(sa.ForeignKey("session_series.id"), index=True)
    # A private session's person (models.appointments): no one else may book it.
    reserved_for_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    # The pass credits one seat takes (a private session's service may take several).
    credits_per_seat: Mapped[int] = mapped_column(default=1, server_default="1")

    event: Mapped[Event] = relationship(back_populates="sessions", lazy="raise")
    instructor: Mapped[User] = relationship(lazy="raise", foreign_keys=[instructor_id])

    @property
    def seats_left(self) -> int:
        """Seats still free."""
        return self.capacity - self.seats_taken

    def offers_seats(self, now: datetime) -> bool:
        """Whether a seat freed now is offered to the head of the line (rather than booked for them at once)."""
        if self.waitlist_mode != WAITLIST_OFFER:
            return False
        return self.auto_until_hours is None or now >= self.starts_at - timedelta(hours=self.auto_until_hours)
