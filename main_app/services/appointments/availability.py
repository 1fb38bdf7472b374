"""A service's free slots read from the database: its teachers' hours and exceptions, what keeps them busy in the
window (services.diary: their classes at any studio, their private sessions), and the studio's booking window;
slots.py does the rest."""

from collections import defaultdict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select

from main_app.services.calendar_sync import STALE_AFTER
from main_app.services.diary import busy_times

from ...extensions import db
from ...models import (
    AppointmentRules,
    AppointmentService,
    AppointmentServiceTeacher,
    Studio,
    TeacherCalendar,
    TeacherException,
    TeacherHours,
    User,
)
from .slots import Ask, DayChange, Stretch, Teacher, free_slots

DEFAULT_RULES = AppointmentRules(min_notice_minutes=120, max_days_ahead=60, cancel_hours=24)


def rules_of(studio_id: int) -> AppointmentRules:
    """The studio's booking window for privates (the defaults when it set none)."""
    return db.session.get(AppointmentRules, studio_id) or DEFAULT_RULES


def _ask(service: AppointmentService, studio: Studio, now: datetime, days: int | None = None) -> Ask:
    """The search of the service's slots from now plus the studio's notice to its last day ahead (or `days`)."""
    rules = rules_of(studio.id)
    ahead = min(rules.max_days_ahead, days) if days else rules.max_days_ahead
    return Ask(
        duration=timedelta(minutes=service.duration_minutes),
        before=timedelta(minutes=service.buffer_before_minutes),
        after=timedelta(minutes=service.buffer_after_minutes),
        earliest=now + timedelta(minutes=rules.min_notice_minutes),
        latest=now + timedelta(days=ahead),
        zone=ZoneInfo(studio.timezone),
    )


def _teacher_ids(service: AppointmentService, teacher_id: int | None) -> list[int]:
    """The service's teachers (one of them, when named)."""
    teachers = select(AppointmentServiceTeacher.user_id).where(AppointmentServiceTeacher.service_id == service.id)
    if teacher_id is not None:
        teachers = teachers.where(AppointmentServiceTeacher.user_id == teacher_id)
    return sorted(db.session.scalars(teachers))


def service_slots(service: AppointmentService, now: datetime, teacher_id: int | None = None, days: int | None = None):
    """(start, teacher id) of the service's free slots in the studio's booking window (or `days` days from now, when
    fewer), for one of its teachers or any."""
    studio = db.session.get(Studio, service.studio_id)
    ask, ids = _ask(service, studio, now, days), _teacher_ids(service, teacher_id)
    return free_slots(teacher_weeks(studio.id, ids, ask, now), ask) if ids else []


def teachers_free_at(service: AppointmentService, starts_at: datetime, now: datetime, teacher_id=None, but=None):
    """The service's teachers (or the one named) free for it from starts_at, a start its slots offer now (but: a
    session of theirs to leave out, the one being moved), lowest id first."""
    studio = db.session.get(Studio, service.studio_id)
    ask, ids = _ask(service, studio, now), _teacher_ids(service, teacher_id)
    if not ids or not ask.earliest <= starts_at <= ask.latest:
        return []
    at = Ask(ask.duration, ask.before, ask.after, starts_at, starts_at, ask.zone)
    return [teacher for start, teacher in free_slots(teacher_weeks(studio.id, ids, at, now, but), at)]


def teacher_weeks(studio_id: int, ids: list[int], ask: Ask, now: datetime, but_session=None) -> list[Teacher]:
    """Each teacher's week and exceptions at the studio, and what keeps them busy around the window (six queries,
    whatever the number of teachers); a teacher whose calendar is stale is open nowhere."""
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
    since, until = ask.earliest - ask.before - ask.duration, ask.latest + ask.duration + ask.after
    busy = busy_times(ids, since, until, now, but_session)
    for teacher in _stale(ids, now):  # their calendar's busy times are too old to trust: no slots until it is read
        week.pop(teacher, None)
        changes[teacher] = [change for change in changes[teacher] if change.off]
    return [Teacher(teacher, dict(week[teacher]), changes[teacher], busy[teacher]) for teacher in ids]


def _stale(ids: list[int], now: datetime) -> list[int]:
    """The teachers whose linked calendar was not read within calendar_sync.STALE_AFTER."""
    read_long_ago = or_(TeacherCalendar.read_at.is_(None), TeacherCalendar.read_at < now - STALE_AFTER)
    return list(
        db.session.scalars(select(TeacherCalendar.user_id).where(TeacherCalendar.user_id.in_(ids), read_long_ago))
    )


def slots_document(service: AppointmentService, now: datetime, teacher_id: int | None, days: int | None) -> dict:
    """The service's free slots as the API shows them (SlotListSchema's shape, built here: a 60-day search holds
    thousands): each start and end (UTC), and the teacher with their name."""
    found = service_slots(service, now, teacher_id, days)
    rows = db.session.execute(select(User.id, User.name).where(User.id.in_({t for _, t in found})))
    teachers = {teacher: {"id": teacher, "name": name} for teacher, name in rows}
    length = timedelta(minutes=service.duration_minutes)
    items = [{"starts_at": start, "ends_at": start + length, "teacher": teachers[teacher]} for start, teacher in found]
    return {"timezone": db.session.get(Studio, service.studio_id).timezone, "items": items}
