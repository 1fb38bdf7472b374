"""A user's seat in a session."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service_kit.columns import UTCDateTime, utcnow
from service_kit.languages import requested_language

from ..extensions import db
from .event import EventSession
from .family import Dependent
from .option import SessionOption
from .user import User

BOOKING_ACTIVE = "active"
BOOKING_CANCELLED = "cancelled"
# A paid session's seat is held while its person pays; unpaid when the hold ends, it expires (seat given back).
BOOKING_PENDING_PAYMENT = "pending_payment"
BOOKING_EXPIRED = "expired"
BOOKING_REFUNDED = "refunded"  # cancelled, and the money is back with the person
# An event that requires approval: the seat is held while its facilitator decides (for APPROVAL_HOLD_DAYS at most).
BOOKING_PENDING_APPROVAL = "pending_approval"
ATTENDED, NO_SHOW = "attended", "no_show"  # Booking.attendance, once its session closed
# Who cancelled a booking (Booking.cancelled_by).
CANCELLED_BY_PERSON, CANCELLED_BY_FACILITATOR = "person", "facilitator"
BOOKING_STATUSES = (
    BOOKING_PENDING_APPROVAL,
    BOOKING_PENDING_PAYMENT,
    BOOKING_ACTIVE,
    BOOKING_CANCELLED,
    BOOKING_EXPIRED,
    BOOKING_REFUNDED,
)
# The statuses that hold a seat.
SEAT_HOLDING = (BOOKING_ACTIVE, BOOKING_PENDING_PAYMENT, BOOKING_PENDING_APPROVAL)
SEAT_HOLDING_SQL = "status IN ('active', 'pending_payment', 'pending_approval')"


class Booking(db.Model):
    """Seats held (active, or pending_payment while its person pays) or given back: the booker's and their guests';
    at most one booking per session and user."""

    __tablename__ = "bookings"
    __table_args__ = (
        sa.CheckConstraint(
            "status IN ('pending_approval', 'pending_payment', 'active', 'cancelled', 'expired', 'refunded')",
            name="status",
        ),
        # One seat per session for the booker themself, and one per child (whichever guardian booked it).
        sa.Index(
            "uq_bookings_one_seat_per_user",
            "session_id",
            "user_id",
            unique=True,
            sqlite_where=sa.text(f"{SEAT_HOLDING_SQL} AND dependent_id IS NULL"),
            postgresql_where=sa.text(f"{SEAT_HOLDING_SQL} AND dependent_id IS NULL"),
        ),
        sa.Index(
            "uq_bookings_one_seat_per_dependent",
            "session_id",
            "dependent_id",
            unique=True,
            sqlite_where=sa.text(f"{SEAT_HOLDING_SQL} AND dependent_id IS NOT NULL"),
            postgresql_where=sa.text(f"{SEAT_HOLDING_SQL} AND dependent_id IS NOT NULL"),
        ),
        sa.Index("ix_bookings_user_id_id", "user_id", "id"),
        # Seats held for payment, by session and due time: a full session asks whether any is past its time.
        sa.Index(
            "ix_bookings_held_session_id_hold_expires_at",
            "session_id",
            "hold_expires_at",
            sqlite_where=sa.text("status = 'pending_payment'"),
            postgresql_where=sa.text("status = 'pending_payment'"),
        ),
        sa.CheckConstraint("seats >= 1", name="seats_positive"),
        sa.CheckConstraint("attendance IS NULL OR attendance IN ('attended', 'no_show')", name="attendance"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("sessions.id"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(sa.String(20), default=BOOKING_ACTIVE)
    # The seats it holds (or held, once given back): the booker's and one per guest still coming.
    seats: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancel_reason: Mapped[str | None] = mapped_column(sa.String(500))
    cancelled_by: Mapped[str | None] = mapped_column(sa.String(20))  # CANCELLED_BY_*; null when not cancelled
    reactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The booking came from the waiting list: a freed seat went to this person, first in line.
    from_waitlist: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # The pass its seats were booked with (their credits are in the pass's ledger); None: paid or free.
    pass_id: Mapped[int | None] = mapped_column(sa.ForeignKey("passes.id"), index=True)
    # The calendar entry's SEQUENCE: raised with every change a calendar should pick up (moved, cancelled, back).
    calendar_sequence: Mapped[int] = mapped_column(default=0, server_default="0")
    # Until when a pending_payment booking holds its seat (pending_approval: until when its facilitator may decide).
    hold_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when its session closes after check-in was taken: attended (a seat checked in) or no_show (none was).
    attendance: Mapped[str | None] = mapped_column(sa.String(10))
    walk_in: Mapped[bool] = mapped_column(default=False, server_default=sa.false())  # booked at the door
    # The session's room option its seats are in (models.option); None when the session has none.
    option_id: Mapped[int | None] = mapped_column(sa.ForeignKey("session_options.id"), index=True)
    # When its facilitator approved the request (events that require approval); None: never asked or not yet.
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The language (en, hi, mr) of the request that made it: what its guests, who have no account, are written in.
    language: Mapped[str | None] = mapped_column(sa.String(8), default=requested_language)
    # The child on the booker's family the seat is for (models.family); None: for the booker themself.
    dependent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("dependents.id"), index=True)

    session: Mapped[EventSession] = relationship(lazy="raise")
    user: Mapped[User] = relationship(lazy="raise")
    option: Mapped[SessionOption | None] = relationship(lazy="raise")
    dependent: Mapped[Dependent | None] = relationship(lazy="raise")


GUEST_ACTIVE, GUEST_CANCELLED = "active", "cancelled"


class BookingGuest(db.Model):
    """Someone the booker brought: one of the booking's seats, told by email when they gave one; the booker manages
    it. Cancelled on its own, its seat goes back; the booking's other seats stay."""

    __tablename__ = "booking_guests"
    __table_args__ = (
        sa.CheckConstraint("status IN ('active', 'cancelled')", name="status"),
        sa.CheckConstraint(
            "refund_status IS NULL OR refund_status IN ('initiated', 'processed', 'failed')", name="refund_status"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(sa.ForeignKey("bookings.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    email: Mapped[str | None] = mapped_column(sa.String(254))
    status: Mapped[str] = mapped_column(sa.String(20), default=GUEST_ACTIVE)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # One seat's price given back when the guest's seat was cancelled in time (the booking's payment, in part).
    refund_status: Mapped[str | None] = mapped_column(sa.String(20))
    refund_amount: Mapped[int | None]
    refund_id: Mapped[str | None] = mapped_column(sa.String(255))
    # Why this guest's last email was not written (see guest_mail.py): over the booker's or the address's limit, or
    # the address unsubscribed; None when it was, or they gave no email.
    email_withheld: Mapped[str | None] = mapped_column(sa.String(20))
