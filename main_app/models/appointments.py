"""Private sessions: a studio's appointment services (what a 1:1 is, how long, its price or credits, who gives it),
each teacher's weekly hours and exceptions on the studio's clock, and the studio's booking rules."""

from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db

EXCEPTION_KINDS = ("off", "extra")


class AppointmentService(db.Model):
    """A kind of private session a studio offers: its length, the buffers kept free around it, its price (minor
    units of the studio's currency) or the pass credits it takes, and where: a room, or online with a join link."""

    __tablename__ = "appointment_services"
    __table_args__ = (
        sa.CheckConstraint("duration_minutes BETWEEN 5 AND 480", name="duration"),
        sa.CheckConstraint("buffer_before_minutes BETWEEN 0 AND 240", name="buffer_before"),
        sa.CheckConstraint("buffer_after_minutes BETWEEN 0 AND 240", name="buffer_after"),
        sa.CheckConstraint("price >= 0", name="price"),
        sa.CheckConstraint("credits IS NULL OR credits BETWEEN 1 AND 100", name="credits"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    duration_minutes: Mapped[int]
    buffer_before_minutes: Mapped[int] = mapped_column(default=0)
    buffer_after_minutes: Mapped[int] = mapped_column(default=0)
    price: Mapped[int] = mapped_column(default=0)
    credits: Mapped[int | None]  # pass credits it can be paid with instead; None: money only
    location: Mapped[str | None] = mapped_column(sa.String(200))  # the room; None when online
    online: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)  # a retired service keeps its appointments, takes no new ones
    # The private event its appointments are sessions of (made with the service, or at its first booking).
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("events.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AppointmentServiceTeacher(db.Model):
    """A teacher (a member of the service's studio) who gives the service."""

    __tablename__ = "appointment_service_teachers"
    __table_args__ = (
        sa.UniqueConstraint("service_id", "user_id"),  # uq_appointment_service_teachers_service_id
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(sa.ForeignKey("appointment_services.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)


class TeacherHours(db.Model):
    """One stretch of a teacher's weekly hours at a studio: a weekday (0 Monday) from starts to ends, on the studio's
    clock (07:00 stays 07:00 across a clock change)."""

    __tablename__ = "teacher_hours"
    __table_args__ = (
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        sa.CheckConstraint("ends > starts", name="ends_after_starts"),
        sa.Index("ix_teacher_hours_studio_id_user_id", "studio_id", "user_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    weekday: Mapped[int]
    starts: Mapped[time] = mapped_column(sa.Time)
    ends: Mapped[time] = mapped_column(sa.Time)


class TeacherException(db.Model):
    """A day a teacher's weekly hours do not hold: off (the whole day, or from starts to ends) or extra hours."""

    __tablename__ = "teacher_exceptions"
    __table_args__ = (
        sa.CheckConstraint("kind IN ('off', 'extra')", name="kind"),
        sa.CheckConstraint("(starts IS NULL AND ends IS NULL AND kind = 'off') OR ends > starts", name="times"),
        sa.Index("ix_teacher_exceptions_studio_id_user_id_day", "studio_id", "user_id", "day"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    day: Mapped[date] = mapped_column(sa.Date)
    kind: Mapped[str] = mapped_column(sa.String(8))
    starts: Mapped[time | None] = mapped_column(sa.Time)  # None with ends: the whole day off
    ends: Mapped[time | None] = mapped_column(sa.Time)


class AppointmentRules(db.Model):
    """A studio's booking window for privates: the least notice, how far ahead, and until when before the start a
    person may cancel or move one themselves (a studio without a row has the defaults)."""

    __tablename__ = "appointment_rules"
    __table_args__ = (
        sa.CheckConstraint("min_notice_minutes BETWEEN 0 AND 43200", name="notice"),
        sa.CheckConstraint("max_days_ahead BETWEEN 1 AND 365", name="ahead"),
        sa.CheckConstraint("cancel_hours BETWEEN 0 AND 720", name="cancel"),
    )

    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id", ondelete="CASCADE"), primary_key=True)
    min_notice_minutes: Mapped[int] = mapped_column(default=120)
    max_days_ahead: Mapped[int] = mapped_column(default=60)
    cancel_hours: Mapped[int] = mapped_column(default=24)


class Appointment(db.Model):
    """A private session booked: its session (of the service's private event, taught by the teacher, reserved for the
    person), and the time it keeps the teacher busy with the service's buffers. It keeps them busy while its seat is
    held, or until claimed_until while its booking is being made."""

    __tablename__ = "appointments"
    __table_args__ = (
        sa.CheckConstraint("busy_until > busy_from", name="busy"),
        sa.Index("ix_appointments_teacher_id_busy_from", "teacher_id", "busy_from"),
        sa.Index("ix_appointments_studio_id_busy_from", "studio_id", "busy_from"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id"))
    service_id: Mapped[int] = mapped_column(sa.ForeignKey("appointment_services.id"), index=True)
    teacher_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)  # who it is for
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("sessions.id"), unique=True)
    busy_from: Mapped[datetime] = mapped_column(UTCDateTime)
    busy_until: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_until: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
