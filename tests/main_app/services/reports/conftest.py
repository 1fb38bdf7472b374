"""The report tests' studio: priya's, with a class of hers at PRICE three days ahead; classes moved in time and
attendance marked straight in the database."""

from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
from invoice_checks import PRICE
from sqlalchemy import select

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Booking, Event, EventSession, Studio
from main_app.services import reports


class CountingFirst:
    """A test client whose every request comes after the timers lane caught up: every begun class has its tally,
    every client their days."""

    def __init__(self, client, app):
        self.client, self.app = client, app

    def get(self, *args, **kwargs):
        count_all(self.app)
        return self.client.get(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.client, name)


def count_all(app) -> int:
    """Every tally counted, and every client's days, as the timers lane's idle moments would: the classes counted."""
    counted = 0
    with app.app_context():
        while found := reports.count_some():
            counted += found
        while reports.count_clients():
            pass
    return counted


@pytest.fixture
def plain_shop(app, make_session, priya, priya_client):
    """priya's studio (its id, its owner's client, its routes' base) and a class of hers at PRICE, 3 days ahead."""
    session = make_session(capacity=30, starts_in=timedelta(days=3), price=PRICE, facilitator_id=priya.id)
    with app.app_context():
        studio_id = db.session.scalar(select(Event.studio_id).where(Event.id == session.event_id))
        slug = db.session.get(Studio, studio_id).slug
    return SimpleNamespace(id=studio_id, session=session, owner=priya_client, base=f"/api/studios/{slug}")


@pytest.fixture(params=["fresh", "tallied"])
def shop(request, app, plain_shop):
    """plain_shop, whose owner's reports are read twice: counted afresh, and from the tallies (counted before each
    request)."""
    if request.param == "tallied":
        plain_shop.owner = CountingFirst(plain_shop.owner, app)
    return plain_shop


@pytest.fixture
def held_at(app):
    """held_at(session_id, when): the session (and its event) moved to start at when, an hour long, in the past or
    not, straight in the database: its bookings stay as they were made."""

    def move(session_id: int, when: datetime) -> None:
        with app.app_context(), unit_of_work():
            row = db.session.get(EventSession, session_id)
            row.starts_at, row.ends_at = when, when + timedelta(hours=1)
            event = db.session.get(Event, row.event_id)
            event.starts_at, event.ends_at = min(event.starts_at, when), max(event.ends_at, row.ends_at)

    return move


@pytest.fixture
def mark(app):
    """mark(booking_id, attendance): the booking marked attended or no_show, as its session's close would."""

    def set_attendance(booking_id: int, attendance: str) -> None:
        with app.app_context(), unit_of_work():
            db.session.get(Booking, booking_id).attendance = attendance

    return set_attendance
