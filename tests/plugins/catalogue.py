"""The main API's catalogue: events and sessions made through the models, and readers of seats and every row."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import STATUS_SCHEDULED, Event, EventSession, User, utcnow
from main_app.services import studios


@dataclass(frozen=True)
class EventRef:
    """Ids of an event made by make_event."""

    id: int
    facilitator_id: int
    session_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class SessionRef:
    """Ids of a session made by make_session."""

    id: int
    event_id: int
    facilitator_id: int


@pytest.fixture
def make_event(app, facilitator):
    """Factory: an event with sessions, written through the models."""

    def make(
        *,
        title: str = "Morning Flow",
        kind: str = "session",
        facilitator_id: int | None = None,
        studio_id: int | None = None,
        status: str = STATUS_SCHEDULED,
        starts_in: timedelta = timedelta(days=1),
        sessions: int = 1,
        every: timedelta = timedelta(days=7),
        duration: timedelta = timedelta(hours=1),
        capacity: int = 5,
        seats_taken: int = 0,
        session_status: str = STATUS_SCHEDULED,
        location: str = "Studio 1",
        timezone: str = "UTC",
        at: datetime | None = None,
        price: int = 0,
        currency: str = "INR",
        refund_until_hours: int = 24,
    ) -> EventRef:
        # Whole seconds: the database and JSON round-trip them exactly. `at` pins the first start instead.
        first = at or utcnow().replace(microsecond=0) + starts_in
        rows = [
            EventSession(
                starts_at=first + i * every,
                ends_at=first + i * every + duration,
                capacity=capacity,
                seats_taken=seats_taken,
                status=session_status,
                price=price,
                currency=currency,
                instructor_id=facilitator_id or facilitator.id,
            )
            for i in range(sessions)
        ]
        with app.app_context():
            event = Event(
                title=title,
                kind=kind,
                location=location,
                timezone=timezone,
                description=f"About {title}",
                facilitator_id=facilitator_id or facilitator.id,
                status=status,
                starts_at=rows[0].starts_at,
                ends_at=rows[-1].ends_at,
                sessions=rows,
                refund_until_hours=refund_until_hours,
            )
            with unit_of_work():
                made_by = db.session.get(User, event.facilitator_id)
                event.studio_id = studio_id or studios.home_studio_id(made_by)
                db.session.add(event)
            return EventRef(event.id, event.facilitator_id, [s.id for s in rows])

    return make


@pytest.fixture
def make_session(make_event):
    """Factory: one bookable session (its own event), e.g. make_session(capacity=1, starts_in=-timedelta(hours=1))."""

    def make(*, capacity: int = 5, starts_in: timedelta = timedelta(days=1), **kwargs) -> SessionRef:
        event = make_event(capacity=capacity, starts_in=starts_in, **kwargs)
        return SessionRef(event.session_ids[0], event.id, event.facilitator_id)

    return make


@pytest.fixture
def seats(app):
    """Reader: (capacity, seats_taken) of a session straight from the database."""

    def read(session_id: int) -> tuple[int, int]:
        with app.app_context():
            session = db.session.get(EventSession, session_id)
            return session.capacity, session.seats_taken

    return read


@pytest.fixture
def db_rows(app):
    """Reader: every row of every table, by table name, for "the database did not change" checks."""

    def read() -> dict[str, list[tuple]]:
        with app.app_context():
            return {
                table.name: [
                    tuple(row) for row in db.session.execute(select(table).order_by(*table.primary_key.columns))
                ]
                for table in db.metadata.sorted_tables
            }

    return read
