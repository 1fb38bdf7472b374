"""Demo history: eight weeks of a weekly class of priya's that already ran, so her studio's reports have something
to show: regulars and newcomers, check-in taken (who came, who did not), late cancels, a waiting list that never got
a seat, and her pay rate. Written straight as rows (nothing is sent for the past), once."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from main_app.services import studios
from main_app.services.common import hash_password

from ...extensions import db
from ...models import (
    ATTENDED,
    BOOKING_ACTIVE,
    BOOKING_CANCELLED,
    CANCELLED_BY_PERSON,
    NO_SHOW,
    Booking,
    Event,
    EventSession,
    StudioMember,
    User,
    WaitlistEntry,
)

TITLE, ZONE, WEEKS, CAPACITY = "Sunrise Hatha (last term)", "Asia/Kolkata", 8, 8
CLIENTS = [f"{first} {last}" for first, last in zip(
    ("Meera", "Arjun", "Lakshmi", "Rohan", "Divya", "Kabir", "Sana", "Vikram", "Nila", "Dev", "Isha", "Tara"),
    ("Pillai", "Menon", "Iyer", "Gupta", "Nair", "Shah", "Khan", "Rao", "Das", "Joshi", "Bose", "Verma"),
    strict=True,
)]  # fmt: skip


def seed_history(priya: User, today) -> bool:
    """The past term of priya's weekly class, unless it is there already; True when written."""
    studio_id = studios.home_studio_id(priya)
    if db.session.scalar(select(func.count(Event.id)).where(Event.studio_id == studio_id, Event.title == TITLE)):
        return False
    people = [_client(n, name) for n, name in enumerate(CLIENTS)]
    sessions = _term(priya, studio_id, today)
    for week, event_session in enumerate(sessions):
        _bookings(event_session, week, people)
    member = db.session.scalar(
        select(StudioMember).where(StudioMember.studio_id == studio_id, StudioMember.user_id == priya.id)
    )
    if member is not None and member.pay_kind is None:
        member.pay_kind, member.pay_amount, member.pay_minimum = (
            "per_head",
            25_000,
            100_000,
        )  # ₹250 a head, ₹1,000 least
    return True


def _client(n: int, name: str) -> User:
    email = f"{name.split()[0].lower()}.demo@example.com"
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(name=name, email=email, password_hash=hash_password(f"demo-client-{n}-never-signs-in"))
        db.session.add(user)
        db.session.flush()
    return user


def _term(priya: User, studio_id: int, today) -> list[EventSession]:
    """WEEKS weekly 07:00 classes, the last one a week before today."""
    first = datetime.combine(today - timedelta(weeks=WEEKS), time(7), tzinfo=ZoneInfo(ZONE)).astimezone(UTC)
    sessions = [
        EventSession(
            starts_at=first + timedelta(weeks=week),
            ends_at=first + timedelta(weeks=week, hours=1),
            capacity=CAPACITY,
            currency="INR",
            instructor_id=priya.id,
        )
        for week in range(WEEKS)
    ]
    event = Event(title=TITLE, kind="session", location="Lotus Studio, Bengaluru", timezone=ZONE)
    event.description = "Gentle hatha at sunrise: the term that ended last week."
    event.facilitator_id, event.studio_id, event.sessions = priya.id, studio_id, sessions
    event.starts_at, event.ends_at = sessions[0].starts_at, sessions[-1].ends_at
    db.session.add(event)
    db.session.flush()
    return sessions


def _bookings(event_session: EventSession, week: int, people: list[User]) -> None:
    """Four regulars every week and newcomers joining week by week (full from the fifth week, with one waiting);
    one no-show a week once check-in was taken, and a late cancel every other week."""
    coming = people[:4] + people[4 : 4 + min(week, len(people) - 4)]
    seated, waiting = coming[:CAPACITY], coming[CAPACITY : CAPACITY + 1]
    booked_at = event_session.starts_at - timedelta(days=3)
    for n, person in enumerate(seated):
        attendance = NO_SHOW if n == week % len(seated) else ATTENDED
        db.session.add(
            Booking(
                session_id=event_session.id,
                user_id=person.id,
                status=BOOKING_ACTIVE,
                created_at=booked_at,
                attendance=attendance,
            )
        )
    event_session.seats_taken = len(seated)
    if week % 2 and len(coming) < len(people):
        late = people[len(coming)]
        db.session.add(
            Booking(
                session_id=event_session.id,
                user_id=late.id,
                status=BOOKING_CANCELLED,
                created_at=booked_at,
                cancelled_at=event_session.starts_at - timedelta(hours=2),
                cancelled_by=CANCELLED_BY_PERSON,
            )
        )
    for person in waiting:
        db.session.add(WaitlistEntry(session_id=event_session.id, user_id=person.id, created_at=booked_at))
