"""A place in line for a full session: first come, first served; gone once it becomes a booking, is left, or ends."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db
from .event import EventSession
from .family import Dependent
from .option import SessionOption
from .user import User


class WaitlistEntry(db.Model):
    """One person (or a child of their family) waiting for a seat in one session; the line is ordered by (created_at,
    id)."""

    __tablename__ = "waitlist_entries"
    __table_args__ = (
        sa.Index(  # one place in line per person for themself, and one per child (below)
            "uq_waitlist_entries_one_place_per_user",
            "session_id",
            "user_id",
            unique=True,
            sqlite_where=sa.text("dependent_id IS NULL"),
            postgresql_where=sa.text("dependent_id IS NULL"),
        ),
        sa.Index("ix_waitlist_entries_line", "session_id", "created_at", "id"),
        sa.Index("ix_waitlist_entries_user_id", "user_id"),
        sa.Index(  # one place in line per child, whichever guardian asked
            "uq_waitlist_entries_one_place_per_dependent",
            "session_id",
            "dependent_id",
            unique=True,
            sqlite_where=sa.text("dependent_id IS NOT NULL"),
            postgresql_where=sa.text("dependent_id IS NOT NULL"),
        ),
        sa.CheckConstraint("seats >= 1", name="seats_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("sessions.id"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A group waits as one place: a freed seat reaches it only when all its seats are free (first come, first
    # served: nobody behind it goes first). Its guests ([{"name", "email"}]) become the booking's.
    seats: Mapped[int] = mapped_column(default=1, server_default="1")
    guests: Mapped[list | None] = mapped_column(sa.JSON)
    # The pass it waits with: its credits are held until the place becomes a booking (spent) or ends (given back).
    pass_id: Mapped[int | None] = mapped_column(sa.ForeignKey("passes.id"), index=True)
    # The outbox email telling this person, at the session's start, that no seat came free. Not a foreign key: it
    # is removed with the place (promoted, left) and rewritten when the session moves.
    notice_id: Mapped[str | None] = mapped_column(sa.String(32))
    # An offer of a freed seat (claimed for it until accepted, declined or ended): when it was made and until when.
    offered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    offer_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The room option it waits for, where the session has options: each option has its own line.
    option_id: Mapped[int | None] = mapped_column(sa.ForeignKey("session_options.id"), index=True)
    # The child on the person's family the place is for (models.family); None: for the person themself.
    dependent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("dependents.id"), index=True)

    session: Mapped[EventSession] = relationship(lazy="raise")
    user: Mapped[User] = relationship(lazy="raise")
    option: Mapped[SessionOption | None] = relationship(lazy="raise")
    dependent: Mapped[Dependent | None] = relationship(lazy="raise")
