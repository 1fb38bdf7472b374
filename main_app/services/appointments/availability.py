"""A service's free slots read from the database: its teachers' hours and exceptions, the classes they teach in the
window (busy, on the studio's or any other's timetable), and the studio's booking window; slots.py does the rest."""

from collections import defaultdict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from ...extensions import db
from ...models import (
    STATUS_SCHEDULED,
    AppointmentRules,
    AppointmentService,
    AppointmentServiceTeacher,
    EventSession,
    Studio,
    TeacherException,
    TeacherHours,
    User,
)
from .slots import Ask, DayChange, Stretch, Teacher, free_slots

DEFAULT_RULES = AppointmentRules(min_notice_minutes=120, max_days_ahead=60, cancel_hours=24)


def rules_of(studio_id: int) -> AppointmentRules:
    """The studio's booking window for privates (the defaults when it set none)."""
    return db.session.get(AppointmentRules, studio_id) or DEFAULT_RULES


def service_slots(service: AppointmentService, now: datetime, teacher_id: int | None = None, days: int | None = None):
    """(start, teacher id) of the service's free slots from now plus the studio's notice to its last day ahead (or
    `days` days from now, when fewer), for one of its teachers or any."""
    studio = db.session.get(Studio, service.studio_id)
    rules, zone = rules_of(studio.id), ZoneInfo(studio.timezone)
    ahead = min(rules.max_days_ahead, days) if days else rules.max_days_ahead
    ask = Ask(
        duration=timedelta(minutes=service.duration_minutes),
        before=timedelta(minutes=service.buffer_before_minutes),
        after=timedelta(minutes=service.buffer_after_minutes),
        earliest=now + timedelta(minutes=rules.min_notice_minutes),
        latest=now + timedelta(days=ahead),
        zone=zone,
    )
    teachers = select(AppointmentServiceTeacher.user_id).where(AppointmentServiceTeacher.service_id == service.id)
    if teacher_id is not None:
        teachers = teachers.where(AppointmentServiceTeacher.user_id == teacher_id)
    ids = sorted(db.session.scalars(teachers))
    return free_slots(teacher_weeks(studio.id, ids, ask), ask) if ids else []


def teacher_weeks(studio_id: int, ids: list[int], ask: Ask) -> list[Teacher]:
    """Each teacher's week and exceptions at the studio, and what keeps them busy around the window (three
    queries, whatever the number of teachers)."""
    week: dict[int, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for hours in db.session.scalars(
        select(TeacherHours).where(TeacherHours.studio_id == studio_id, TeacherHours.user_id.in_(ids))
    ):
        week[hours.user_id][hours.weekday].append(Stretch(hours.starts, hours.ends))
    changes: dict[int, list] = defaultdict(list)
    first, last = (ask.earliest - timedelta(days=1)).date(), (ask.latest + timedelta(days=1)).date()
    for change in db.session.scalars(
        select(TeacherException).where(
            TeacherException.studio_id == studio_id,
            TeacherException.user_id.in_(ids),
            TeacherException.day.between(first, last),
        )
    ):
        changes[change.user_id].append(DayChange(change.day, change.kind == "off", change.starts, change.ends))
    busy = busy_times(ids, ask.earliest - ask.before - ask.duration, ask.latest + ask.duration + ask.after)
    return [Teacher(teacher, dict(week[teacher]), changes[teacher], busy[teacher]) for teacher in ids]


def busy_times(ids: list[int], since: datetime, until: datetime) -> dict[int, list]:
    """The teachers' busy intervals overlapping [since, until): the scheduled classes they teach, at any studio."""
    busy: dict[int, list] = defaultdict(list)
    rows = db.session.execute(
        select(EventSession.instructor_id, EventSession.starts_at, EventSession.ends_at).where(
            EventSession.instructor_id.in_(ids),
            EventSession.status == STATUS_SCHEDULED,
            EventSession.starts_at < until,
            EventSession.ends_at > since,
        )
    )
    for teacher, starts_at, ends_at in rows:
        busy[teacher].append((starts_at, ends_at))
    return busy


def slots_document(service: AppointmentService, now: datetime, teacher_id: int | None, days: int | None) -> dict:
    """The service's free slots as the API shows them: each start and end, and the teacher with their name."""
    found = service_slots(service, now, teacher_id, days)
    names = dict(db.session.execute(select(User.id, User.name).where(User.id.in_({t for _, t in found}))).all())
    length = timedelta(minutes=service.duration_minutes)
    items = [
        {"starts_at": start, "ends_at": start + length, "teacher": {"id": teacher, "name": names[teacher]}}
        for start, teacher in found
    ]
    return {"timezone": db.session.get(Studio, service.studio_id).timezone, "items": items}
