"""A teacher's own calendar linked for private sessions: a CalDAV calendar (read and written) or a read-only iCal
address, and the busy times last read from it."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db

CALENDAR_KINDS = ("caldav", "ical")


class TeacherCalendar(db.Model):
    """A teacher's linked calendar (one per account, whichever studios they teach at): its address, the login a
    CalDAV one needs (sealed), when it was last read and written, and the last error either met."""

    __tablename__ = "teacher_calendars"
    __table_args__ = (
        sa.CheckConstraint("kind IN ('caldav', 'ical')", name="kind"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(10))
    url: Mapped[str] = mapped_column(sa.String(1000))
    username: Mapped[str | None] = mapped_column(sa.String(200))
    secret: Mapped[str | None] = mapped_column(sa.Text)  # the password, sealed (services.common.sealing)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    written_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(sa.String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CalendarBusy(db.Model):
    """A time the teacher's calendar says they are busy (events of their own, not ours), as last read."""

    __tablename__ = "calendar_busy"
    __table_args__ = (
        sa.CheckConstraint("ends_at > starts_at", name="ends_after_starts"),
        sa.Index("ix_calendar_busy_user_id_starts_at", "user_id", "starts_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    calendar_id: Mapped[int] = mapped_column(sa.ForeignKey("teacher_calendars.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
