"""A service's free slots read from the database: its teachers' weekly hours and days off, the classes they teach
(at any studio) taking their time, and the studio's booking window; in the same few statements however many
teachers; on SQLite and PostgreSQL (times, dates and the window's comparisons)."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from probes import count_statements

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import (
    AppointmentRules,
    AppointmentService,
    AppointmentServiceTeacher,
    Studio,
    TeacherException,
    TeacherHours,
    User,
)
from main_app.services import studios
from main_app.services.appointments.availability import service_slots

pytestmark = pytest.mark.both_databases

KOLKATA = ZoneInfo("Asia/Kolkata")


def _next_monday() -> datetime:
    today = datetime.now(KOLKATA).date()
    return datetime.combine(today + timedelta(days=7 - today.weekday()), time(0, 0), tzinfo=KOLKATA)


def _service(app, facilitator, teachers: list[int], **rules) -> int:
    """A 60-minute private with a 15-minute buffer after it, given by teachers who work Mondays 09:00-12:00."""
    with app.app_context(), unit_of_work():
        studio = db.session.get(Studio, studios.home_studio_id(db.session.get(User, facilitator.id)))
        studio.timezone = "Asia/Kolkata"
        service = AppointmentService(studio_id=studio.id, name="Private yoga", duration_minutes=60)
        service.buffer_after_minutes, service.price = 15, 150_000
        db.session.add(service)
        db.session.flush()
        for teacher in teachers:
            db.session.add(AppointmentServiceTeacher(service_id=service.id, user_id=teacher))
            db.session.add(TeacherHours(studio_id=studio.id, user_id=teacher, weekday=0, starts=time(9), ends=time(12)))
        if rules:
            db.session.add(AppointmentRules(studio_id=studio.id, **rules))
        return service.id


def _slots(app, service_id: int, now: datetime, **options) -> list[tuple[str, int]]:
    with app.app_context():
        found = service_slots(db.session.get(AppointmentService, service_id), now, **options)
        return [(start.astimezone(KOLKATA).strftime("%a %H:%M"), teacher) for start, teacher in found]


def test_a_class_the_teacher_gives_takes_its_slots_and_a_day_off_takes_the_day(app, facilitator, make_session):
    monday = _next_monday()
    service_id = _service(app, facilitator, [facilitator.id])
    now = monday - timedelta(days=1)
    assert [start for start, _ in _slots(app, service_id, now, days=3)] == [
        f"Mon {h}" for h in ("09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30", "10:45", "11:00")
    ]
    make_session(at=(monday + timedelta(hours=10, minutes=30)).astimezone(UTC), duration=timedelta(minutes=30))
    assert [start for start, _ in _slots(app, service_id, now, days=3)] == ["Mon 09:00", "Mon 09:15", "Mon 11:00"]
    with app.app_context(), unit_of_work():
        studio_id = db.session.get(AppointmentService, service_id).studio_id
        db.session.add(TeacherException(studio_id=studio_id, user_id=facilitator.id, day=monday.date(), kind="off"))
    assert _slots(app, service_id, now, days=3) == []


def test_the_notice_and_the_days_ahead_bound_the_slots(app, facilitator):
    monday = _next_monday()
    service_id = _service(app, facilitator, [facilitator.id], min_notice_minutes=60, max_days_ahead=7)
    at_eight_forty = monday + timedelta(hours=8, minutes=40)  # an hour's notice: 09:40, so 09:45 first
    found = _slots(app, service_id, at_eight_forty)
    assert [start for start, _ in found] == [
        "Mon 09:45",
        "Mon 10:00",
        "Mon 10:15",
        "Mon 10:30",
        "Mon 10:45",
        "Mon 11:00",
    ]
    # Seven days ahead from 09:10 reach next Monday's 09:00 start, and no later one.
    found = _slots(app, service_id, monday + timedelta(hours=9, minutes=10))
    assert [start for start, _ in found] == ["Mon 10:15", "Mon 10:30", "Mon 10:45", "Mon 11:00", "Mon 09:00"]


def test_any_teacher_or_one_and_the_same_statements_for_twenty(app, facilitator, make_user):
    monday = _next_monday()
    teachers = [make_user(name=f"Teacher {n}").id for n in range(20)]
    service_id = _service(app, facilitator, teachers)
    now = monday - timedelta(days=1)
    assert len(_slots(app, service_id, now, days=3)) == 20 * 9
    assert {teacher for _, teacher in _slots(app, service_id, now, teacher_id=teachers[3], days=3)} == {teachers[3]}
    with app.app_context():
        engine = db.engine
    # The service, its studio, rules and teachers; their hours, exceptions, classes, private sessions, calendars' busy
    # times and which calendars are stale.
    statements = count_statements(engine, lambda: _slots(app, service_id, now))[1]
    assert statements <= 10, statements
