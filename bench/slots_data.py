"""The slots bench's studio: 20 teachers who give one private, each with weekly hours (07:00-13:00 and 15:00-20:00,
Monday to Saturday), a day off a fortnight, two classes a day, three privates booked a day and one busy time a day
read from their own calendar, over the next 60 days; written through the models in a few commits."""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from main_app.extensions import db
from main_app.models import (
    ROLE_FACILITATOR,
    ROLE_USER,
    STATUS_SCHEDULED,
    Appointment,
    AppointmentRules,
    AppointmentService,
    AppointmentServiceTeacher,
    CalendarBusy,
    Event,
    EventSession,
    Studio,
    StudioMember,
    TeacherCalendar,
    TeacherException,
    TeacherHours,
    User,
    utcnow,
)

ZONE = ZoneInfo("Asia/Kolkata")
TEACHERS, DAYS = 20, 60
HOURS = ((time(7), time(13)), (time(15), time(20)))


@dataclass
class Seeded:
    slug: str
    service_id: int
    teacher_ids: list[int]
    rows: dict


def _user(name: str, role: str = ROLE_USER) -> User:
    slug = name.lower().replace(" ", "-")
    return User(name=name, email=f"{slug}@slots.example.com", password_hash="!", role=role)


def seed(app) -> Seeded:
    """The studio, its teachers and their next 60 days."""
    with app.app_context():
        owner, client = _user("Slots Owner", ROLE_FACILITATOR), _user("Slots Client")
        teachers = [_user(f"Teacher {n:02d}", ROLE_FACILITATOR) for n in range(TEACHERS)]
        studio = Studio(name="Slots Studio", slug="slots-studio", timezone=ZONE.key, currency="INR", country="IN")
        db.session.add_all([owner, client, studio, *teachers])
        db.session.flush()
        db.session.add(StudioMember(studio_id=studio.id, user_id=owner.id, role="owner"))
        db.session.add_all(StudioMember(studio_id=studio.id, user_id=t.id, role="instructor") for t in teachers)
        db.session.add(AppointmentRules(studio_id=studio.id, min_notice_minutes=120, max_days_ahead=DAYS))
        now = utcnow()
        classes = _event(studio, owner, "Morning Flow", private=False, now=now)
        service = AppointmentService(studio_id=studio.id, name="Private yoga", duration_minutes=60, price=150_000)
        service.buffer_after_minutes, service.event_id = 15, _event(studio, owner, "Private yoga", True, now).id
        db.session.add(service)
        db.session.flush()
        for teacher in teachers:
            _teacher(studio, service, teacher, classes, client, now)
        db.session.commit()
        rows = {table: db.session.scalar(db.select(db.func.count()).select_from(model)) for table, model in (
            ("sessions", EventSession), ("appointments", Appointment), ("calendar_busy", CalendarBusy),
            ("teacher_hours", TeacherHours), ("teacher_exceptions", TeacherException),
        )}  # fmt: skip
        return Seeded(studio.slug, service.id, [t.id for t in teachers], rows)


def _event(studio: Studio, owner: User, title: str, private: bool, now: datetime) -> Event:
    event = Event(
        title=title, kind="session", timezone=ZONE.key, facilitator_id=owner.id, studio_id=studio.id,
        starts_at=now, ends_at=now + timedelta(days=DAYS + 1), private=private,
    )  # fmt: skip
    db.session.add(event)
    db.session.flush()
    return event


def _at(day, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ZONE).astimezone(UTC)


def _teacher(studio, service, teacher, classes, client, now) -> None:
    """A teacher's hours, days off, classes, booked privates and calendar over the 60 days."""
    db.session.add(AppointmentServiceTeacher(service_id=service.id, user_id=teacher.id))
    for weekday in range(6):
        db.session.add_all(
            TeacherHours(studio_id=studio.id, user_id=teacher.id, weekday=weekday, starts=a, ends=b) for a, b in HOURS
        )
    calendar = TeacherCalendar(user_id=teacher.id, kind="ical", url="https://calendar.example/t.ics", read_at=now)
    db.session.add(calendar)
    db.session.flush()
    today = now.astimezone(ZONE).date()
    for offset in range(DAYS + 1):
        day = today + timedelta(days=offset)
        if offset % 14 == teacher.id % 14:
            db.session.add(TeacherException(studio_id=studio.id, user_id=teacher.id, day=day, kind="off"))
        for hour in (7, 18):
            db.session.add(EventSession(
                event_id=classes.id, instructor_id=teacher.id, starts_at=_at(day, hour), ends_at=_at(day, hour + 1),
                capacity=20, status=STATUS_SCHEDULED,
            ))  # fmt: skip
        for hour in (9, 11, 16):
            _private(studio, service, teacher, client, _at(day, hour, 15 * (offset % 4)), now)
        db.session.add(CalendarBusy(calendar_id=calendar.id, user_id=teacher.id, starts_at=_at(day, 12, 30),
                                    ends_at=_at(day, 13)))  # fmt: skip


def _private(studio, service, teacher, client, starts_at, now) -> None:
    session = EventSession(
        event_id=service.event_id, instructor_id=teacher.id, starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=1), capacity=1, seats_taken=1, status=STATUS_SCHEDULED,
        reserved_for_id=client.id,
    )  # fmt: skip
    db.session.add(session)
    db.session.flush()
    db.session.add(Appointment(
        studio_id=studio.id, service_id=service.id, teacher_id=teacher.id, user_id=client.id, session_id=session.id,
        busy_from=starts_at, busy_until=starts_at + timedelta(minutes=75), claimed_until=now,
    ))  # fmt: skip
