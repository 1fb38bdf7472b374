"""Demo catalogue: the three demo facilitators and their upcoming sessions and retreats."""

from datetime import UTC, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from main_app.services import studios
from main_app.services.common import hash_password
from main_app.services.programme import local_starts

from ...database import unit_of_work
from ...extensions import db
from ...models import (
    PASS_MEMBERSHIP,
    PASS_PACK,
    ROLE_ADMIN,
    ROLE_FACILITATOR,
    ROLE_USER,
    Event,
    EventQuestion,
    EventSession,
    PassProduct,
    SessionOption,
    SessionSeries,
    User,
)
from .demo_history import seed_history


class Series(NamedTuple):
    """A demo class made the way a facilitator's "Repeat weekly" makes one: a rule on the event's clock."""

    rule: str
    first_in_days: int
    hour: int
    hours: int
    capacity: int


FACILITATORS = [
    # username, password, name, email
    ("priya", "priya123", "Dr. Priya Sharma", "priya@example.com"),
    ("arjun", "arjun123", "Arjun Patel", "arjun@example.com"),
    ("kavya", "kavya123", "Kavya Reddy", "kavya@example.com"),
]
DEMO_USER = ("asha", "asha1234", "Asha Rao", "asha@example.com")
DEMO_ADMIN = ("admin", "admin1234", "Operations Admin", "admin@example.com")

VIDEO_LINKS = {"Mindful Breathing for Beginners": "https://meet.jit.si/mindful-breathing-demo"}  # online classes
# facilitator, title, kind, location, time zone, description, [(days from today, local start hour, hours, capacity)]
# or a weekly series (a Series), and the price of a seat in paise (INR) where it is not free.
EVENTS = [
    (
        "priya",
        "Morning Vinyasa Flow",
        "session",
        "Lotus Studio, Bengaluru",
        "Asia/Kolkata",
        "A steady, breath-led flow to start the day. All levels welcome; mats provided.",
        Series("FREQ=WEEKLY;COUNT=4", first_in_days=3, hour=7, hours=1, capacity=12),
    ),
    (
        "priya",
        "Himalayan Silence Retreat",
        "retreat",
        "Rishikesh, Uttarakhand",
        "Asia/Kolkata",
        "Five days of guided silence, meditation and gentle yoga by the Ganges.",
        [(30, 9, 24 * 5, 20)],
    ),
    (
        "arjun",
        "Mindful Breathing for Beginners",
        "session",
        "Online: join from My bookings",
        "Europe/Berlin",
        "Simple pranayama techniques for calm and focus, in three short evening classes.",
        [(2, 18, 1, 30), (9, 18, 1, 30), (16, 18, 1, 30)],
    ),
    (
        "arjun",
        "Sound Healing Evening",
        "session",
        "Nada Hall, Pune",
        "Asia/Kolkata",
        "Singing bowls, gongs and deep relaxation. Bring a blanket.",
        [(6, 19, 2, 15), (20, 19, 2, 15)],
        80_000,  # ₹800
    ),
    (
        "kavya",
        "Meditation Retreat",
        "retreat",
        "Coorg, Karnataka",
        "Asia/Kolkata",
        "A weekend among coffee hills: sitting and walking meditation, simple food, no phones.",
        [(12, 10, 48, 25)],
    ),
    (
        "kavya",
        "Coastal Ayurveda Retreat",
        "retreat",
        "Mandrem, Goa",
        "Asia/Kolkata",
        "A week of Ayurvedic meals, daily yoga and consultations by the sea.",
        [(90, 10, 24 * 7, 16)],  # far enough ahead for its payment plan's two instalments
        4_500_000,  # ₹45,000
    ),
    (
        "kavya",
        "Yin Yoga & Journaling",
        "session",
        "Still Space, Hyderabad",
        "Asia/Kolkata",
        "Long-held floor poses followed by guided journaling prompts.",
        [(4, 17, 2, 10), (11, 17, 2, 10), (18, 17, 2, 10)],
    ),
]


# Room options of a retreat's session: (name, price in paise, beds). They add up to the session's capacity, so
# each option's own count is what limits it (the session's capacity would cap them if they added up to more).
ROOM_OPTIONS = {
    "Coastal Ayurveda Retreat": [("Private room", 6_000_000, 4), ("Shared twin", 4_500_000, 12)],  # ₹60,000, ₹45,000
}


# A retreat's payment plan: a fifth down (kept if the person cancels), the rest in two instalments a month apart, the
# last 30 days before the start.
PAYMENT_PLANS = {
    "Coastal Ayurveda Retreat": {
        "deposit": {"percent": 20},
        "deposit_refundable": False,
        "balance_due_days": 30,
        "instalments": 2,
    },
}

# What a retreat asks the people who book it: (kind, label, help text, required, sensitive, choices).
QUESTIONS = {
    "Coastal Ayurveda Retreat": [
        ("choice", "Diet", "", True, False, ["No preference", "Vegetarian", "Vegan"]),
        ("yes_no", "First retreat?", "So we can pair you with someone who has been before", False, False, None),
        (
            "long_text",
            "Health conditions or injuries we should know about",
            "Seen only by the facilitator and deleted after the retreat",
            False,
            True,
            None,
        ),
    ],
}


# facilitator, name, kind, terms, price in paise: the passes on sale, for all of the facilitator's events.
PASSES = [
    ("arjun", "Sound healing 3-class pack", PASS_PACK, {"credits": 3, "valid_days": 60}, 200_000),
    ("arjun", "First class free", PASS_PACK, {"credits": 1, "valid_days": 30, "new_customers_only": True}, 0),
    ("arjun", "Monthly membership", PASS_MEMBERSHIP, {"period": "month", "sessions_per_week": 2}, 250_000),
]


def _passes(facilitators: dict[str, User]) -> None:
    """The demo passes, for facilitators who have none on sale yet."""
    for username, name, kind, terms, price in PASSES:
        facilitator = facilitators[username]
        if db.session.scalar(
            select(PassProduct.id).where(PassProduct.facilitator_id == facilitator.id, PassProduct.name == name)
        ):
            continue
        zone = next(event[4] for event in EVENTS if event[0] == username)  # their first event's, as a new product's
        db.session.add(
            PassProduct(
                facilitator_id=facilitator.id,
                studio_id=studios.home_studio_id(facilitator),
                name=name,
                kind=kind,
                price=price,
                currency="INR",
                timezone=zone,
                **terms,
            )
        )


def _account(username: str, password: str, name: str, email: str, role: str) -> User:
    """The demo account with this username, created if missing."""
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        user = User(username=username, name=name, email=email, role=role, password_hash=hash_password(password))
        db.session.add(user)
        db.session.flush()
    return user


def seed_demo(today: datetime | None = None) -> dict:
    """Create the demo accounts and, for facilitators without events, their catalogue; safe to repeat."""
    today = (today or datetime.now(UTC)).date()
    with unit_of_work():
        facilitators = {f[0]: _account(*f, role=ROLE_FACILITATOR) for f in FACILITATORS}
        _account(*DEMO_USER, role=ROLE_USER)
        _account(*DEMO_ADMIN, role=ROLE_ADMIN)
        created = 0
        for username, title, kind, location, zone, description, slots, *price in EVENTS:
            facilitator = facilitators[username]
            exists = db.session.scalar(
                select(func.count(Event.id)).where(Event.facilitator_id == facilitator.id, Event.title == title)
            )
            if exists:
                continue
            _demo_event(facilitator, today, title, kind, location, zone, description, slots, price)
            created += 1
        _passes(facilitators)
        seed_history(facilitators["priya"], today)
    return {"facilitators": len(facilitators), "events_created": created}


def _demo_sessions(facilitator: User, today, zone: str, slots, price: list) -> tuple[list, SessionSeries | None]:
    """The sessions of a demo event (of its series, when its slots are one) and that series."""
    series = None
    if isinstance(slots, Series):
        series = SessionSeries(
            rrule=slots.rule,
            starts_on=today + timedelta(days=slots.first_in_days),
            start_time=f"{slots.hour:02d}:00",
            duration_minutes=slots.hours * 60,
        )
        starts = local_starts(slots.rule, series.starts_on, time(slots.hour), zone)
        slots = [(at, slots.hours, slots.capacity) for at in starts]
    else:
        # The hour is the event's own: the Bengaluru class is at 07:00 in Bengaluru.
        slots = [
            (datetime.combine(today + timedelta(days=days), time(hour), tzinfo=ZoneInfo(zone)), hours, capacity)
            for days, hour, hours, capacity in slots
        ]
    sessions = [
        EventSession(
            starts_at=local.astimezone(UTC),
            ends_at=local.astimezone(UTC) + timedelta(hours=hours),
            capacity=capacity,
            price=price[0] if price else 0,
            currency="INR",
            instructor_id=facilitator.id,
        )
        for local, hours, capacity in slots
    ]
    return sessions, series


def _demo_event(facilitator: User, today, title, kind, location, zone, description, slots, price) -> None:
    """One demo event of the facilitator's studio, with its questions, room options and series."""
    sessions, series = _demo_sessions(facilitator, today, zone, slots, price)
    event = Event(
        title=title,
        kind=kind,
        location=location,
        timezone=zone,
        description=description,
        facilitator_id=facilitator.id,
        studio_id=studios.home_studio_id(facilitator),
        starts_at=sessions[0].starts_at,
        ends_at=sessions[-1].ends_at,
        sessions=sessions,
        payment_plan=PAYMENT_PLANS.get(title),
    )
    db.session.add(event)
    db.session.flush()
    _demo_extras(event, sessions)
    if series is not None:
        series.event_id = event.id
        db.session.add(series)
        db.session.flush()
        for event_session in sessions:
            event_session.series_id = series.id


def _demo_extras(event: Event, sessions: list) -> None:
    """The demo event's booking questions, room options and video link, where it has them."""
    for event_session in sessions if event.title in VIDEO_LINKS else ():
        event_session.mode, event_session.video_url = "online", VIDEO_LINKS[event.title]
    fields = ("kind", "label", "help_text", "required", "sensitive", "choices")  # a QUESTIONS entry, in order
    db.session.add_all(
        EventQuestion(event_id=event.id, position=position, **dict(zip(fields, question, strict=True)))
        for position, question in enumerate(QUESTIONS.get(event.title, ()))
    )
    db.session.add_all(
        SessionOption(session_id=s.id, name=name, price=each, capacity=beds, position=position)
        for s in sessions
        for position, (name, each, beds) in enumerate(ROOM_OPTIONS.get(event.title, ()))
    )


def database_is_empty() -> bool:
    """True when there are no accounts yet."""
    return db.session.scalar(select(func.count(User.id))) == 0
