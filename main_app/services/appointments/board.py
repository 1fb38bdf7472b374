"""The studio's board of private sessions: each teacher who gives one, their privates held (booked, or waiting for
payment) and the classes they teach at the studio, day by day on the studio's clock, for all of them or one."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from ...extensions import db
from ...models import (
    SEAT_HOLDING,
    STATUS_SCHEDULED,
    Appointment,
    AppointmentService,
    AppointmentServiceTeacher,
    Booking,
    Event,
    EventSession,
    Studio,
    User,
)

TEACHERS, CLIENTS = User.__table__.alias("teacher"), User.__table__.alias("client")
PRIVATE_COLUMNS = (Appointment.id, Appointment.session_id, Appointment.teacher_id, EventSession.starts_at)
PRIVATE_COLUMNS += (EventSession.ends_at, AppointmentService.id.label("service_id"), AppointmentService.name)
PRIVATE_COLUMNS += (CLIENTS.c.id.label("client_id"), CLIENTS.c.name.label("client_name"))
PRIVATE_COLUMNS += (Booking.id.label("booking_id"), Booking.status, Booking.pass_id)


def board(studio: Studio, first: date, days: int, teacher_id: int | None = None) -> dict:
    """The board from first for days (the studio's local days), for every teacher who gives a service or one."""
    zone = ZoneInfo(studio.timezone)
    since = datetime.combine(first, time(), tzinfo=zone)
    until = datetime.combine(first + timedelta(days=days), time(), tzinfo=zone)
    teachers = _teachers(studio.id, teacher_id)
    ids = [teacher["id"] for teacher in teachers]
    return {
        "timezone": studio.timezone,
        "from": first,
        "days": days,
        "teachers": teachers,
        "appointments": _privates(studio.id, ids, since, until),
        "classes": _classes(studio.id, ids, since, until),
    }


def _teachers(studio_id: int, teacher_id: int | None) -> list[dict]:
    """Who gives the studio's services (or the one asked for, whether they give one yet), by name."""
    query = select(User.id, User.name).distinct()
    if teacher_id is None:
        query = (
            query.join(AppointmentServiceTeacher, AppointmentServiceTeacher.user_id == User.id)
            .join(AppointmentService, AppointmentService.id == AppointmentServiceTeacher.service_id)
            .where(AppointmentService.studio_id == studio_id)
        )
    else:
        query = query.where(User.id == teacher_id)
    return [{"id": row.id, "name": row.name} for row in db.session.execute(query.order_by(User.name, User.id))]


def _privates(studio_id: int, ids: list[int], since: datetime, until: datetime) -> list[dict]:
    """The studio's privates of these teachers starting in [since, until) whose seat is held, by start."""
    rows = db.session.execute(
        select(*PRIVATE_COLUMNS)
        .join(EventSession, EventSession.id == Appointment.session_id)
        .join(Booking, Booking.session_id == Appointment.session_id)
        .join(AppointmentService, AppointmentService.id == Appointment.service_id)
        .join(CLIENTS, CLIENTS.c.id == Appointment.user_id)
        .where(
            Appointment.studio_id == studio_id,
            Appointment.teacher_id.in_(ids),
            Appointment.busy_from < until,
            EventSession.starts_at >= since,
            EventSession.starts_at < until,
            Booking.status.in_(SEAT_HOLDING),
        )
        .order_by(EventSession.starts_at, Appointment.id)
    )
    return [_private(row) for row in rows]


def _private(row) -> dict:
    """A private on the board: its service, client, booking (with a pass or not) and times."""
    return {
        "id": row.id,
        "session_id": row.session_id,
        "teacher_id": row.teacher_id,
        "starts_at": row.starts_at,
        "ends_at": row.ends_at,
        "service": {"id": row.service_id, "name": row.name},
        "client": {"id": row.client_id, "name": row.client_name},
        "booking": {"id": row.booking_id, "status": row.status, "with_pass": row.pass_id is not None},
    }


def _classes(studio_id: int, ids: list[int], since: datetime, until: datetime) -> list[dict]:
    """The studio's scheduled classes these teachers teach starting in [since, until), by start."""
    rows = db.session.execute(
        select(EventSession.id, EventSession.instructor_id, EventSession.starts_at, EventSession.ends_at, Event.title)
        .join(Event, Event.id == EventSession.event_id)
        .where(
            Event.studio_id == studio_id,
            Event.private.is_(False),
            EventSession.instructor_id.in_(ids),
            EventSession.status == STATUS_SCHEDULED,
            EventSession.starts_at >= since,
            EventSession.starts_at < until,
        )
        .order_by(EventSession.starts_at, EventSession.id)
    )
    return [
        {
            "session_id": r.id,
            "teacher_id": r.instructor_id,
            "starts_at": r.starts_at,
            "ends_at": r.ends_at,
            "title": r.title,
        }
        for r in rows
    ]
