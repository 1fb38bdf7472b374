"""Client days: a client's days at a studio counted once and kept; every write that may change their visits to a
begun class noted in its own transaction, and the classes that began noted as the mark moves past them, so the
clients report is exact before the timers lane counts them again."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from conftest import count_all
from sqlalchemy import delete, select, text, update

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Booking, ClientChange, ClientDay, Event, EventSession, Studio, utcnow
from main_app.services.reports import client_days
from main_app.services.reports.tallies import SETTLE

pytestmark = pytest.mark.both_databases


def _noted(app) -> list[int]:
    with app.app_context():
        return sorted(set(db.session.scalars(select(ClientChange.user_id))))


def _days(app, user_id: int) -> list[tuple]:
    with app.app_context():
        rows = db.session.execute(select(ClientDay).where(ClientDay.user_id == user_id).order_by(ClientDay.day))
        return [(row.day, row.visits, row.previous, row.back_after) for (row,) in rows]


def _write(app, statement) -> None:
    with app.app_context(), unit_of_work():
        db.session.execute(statement)


def test_a_clients_days_are_their_visits_by_day_with_the_day_before():
    zone = ZoneInfo("Asia/Kolkata")
    at = lambda *args: datetime(*args, tzinfo=UTC)  # noqa: E731
    # 20:00 UTC is the next day in Kolkata: the 2nd's two visits fall on the 3rd there.
    starts = [at(2026, 3, 30, 6), at(2026, 4, 2, 20), at(2026, 4, 2, 21), at(2026, 4, 5, 6), at(2026, 4, 6, 6)]
    rows = client_days.days_of(7, 1, starts[::-1], zone)
    shown = [(r["day"].isoformat(), r["visits"], r["previous"], r["week_first"], r["month_first"]) for r in rows]
    assert shown == [
        ("2026-03-30", 1, None, 1, 1),
        ("2026-04-03", 2, rows[0]["day"], 0, 1),  # the same week (from Monday the 30th), a new month
        ("2026-04-05", 1, rows[1]["day"], 0, 0),
        ("2026-04-06", 1, rows[2]["day"], 1, 0),  # a Monday
    ]
    assert rows[0]["back_after"] == int((starts[1] - starts[0]).total_seconds()) and rows[1]["back_after"] is None


@pytest.fixture
def came(app, make_session, make_user, client_for, priya, held_at, mark):
    """Two clients of priya's: one came ten days ago and yesterday, one ten days ago and did not come yesterday;
    counted."""
    people = [make_user(name=f"Regular {n}") for n in range(2)]
    bookings = []
    for days_ago in (10, 1):
        session = make_session(capacity=5, starts_in=timedelta(days=1), facilitator_id=priya.id)
        bookings += [client_for(p).post("/book", json={"session_id": session.id}).get_json() for p in people]
        held_at(session.id, utcnow() - timedelta(days=days_ago))
    mark(bookings[3]["id"], "no_show")
    count_all(app)
    assert _noted(app) == []
    return people, bookings


def test_a_client_is_counted_once_and_counted_again_after_a_change(app, plain_shop, came):
    (regular, absent), bookings = came
    assert [visits for _day, visits, _previous, _back in _days(app, regular.id)] == [1, 1]
    assert len(_days(app, absent.id)) == 1  # the no-show is no visit
    report = lambda: plain_shop.owner.get(f"{plain_shop.base}/reports/clients").get_json()  # noqa: E731
    assert report()["totals"] == {"clients": 2, "new": 2, "returning": 0, "visits": 3}
    _write(app, update(Booking).where(Booking.id == bookings[3]["id"]).values(attendance="attended"))
    assert _noted(app) == [absent.id]
    assert report()["totals"]["visits"] == 4  # the noted client counted afresh, the other read as kept
    count_all(app)
    assert _noted(app) == [] and len(_days(app, absent.id)) == 2
    assert report()["totals"]["visits"] == 4


WRITES = {
    "a booking's attendance": lambda ids: update(Booking).where(Booking.id == ids.booking).values(attendance=None),
    "a booking cancelled": lambda ids: update(Booking).where(Booking.id == ids.booking).values(status="cancelled"),
    "a booking removed": lambda ids: delete(Booking).where(Booking.id == ids.booking),
    "the class cancelled": lambda ids: (
        update(EventSession).where(EventSession.id == ids.session).values(status="cancelled")
    ),
    "the class moved on": lambda ids: (
        update(EventSession)
        .where(EventSession.id == ids.session)
        .values(starts_at=utcnow() + timedelta(days=9), ends_at=utcnow() + timedelta(days=9, hours=1))
    ),
    "its studio's clock": lambda ids: (
        update(Studio).where(Studio.id == ids.studio).values(timezone="Pacific/Kiritimati")
    ),
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_every_write_that_may_change_a_clients_visits_notes_them(app, plain_shop, came, write):
    (regular, _absent), bookings = came

    class Ids:
        booking, studio, session = bookings[2]["id"], plain_shop.id, _session_of(app, bookings[2]["id"])

    _write(app, WRITES[write](Ids))
    assert regular.id in _noted(app), write
    count_all(app)
    with app.app_context():
        assert client_days.unnoted() == []


def test_a_class_that_began_is_noted_as_the_mark_passes_it(app, plain_shop, make_session, make_user, client_for):
    person = make_user(name="Just Begun")
    session = make_session(capacity=5, starts_in=timedelta(hours=2), facilitator_id=plain_shop.session.facilitator_id)
    assert client_for(person).post("/book", json={"session_id": session.id}).status_code == 201
    count_all(app)
    assert _noted(app) == [] and _days(app, person.id) == []  # to come: nothing noted, nothing kept
    # Two hours on (as the clock would go), the class began an hour ago: the moving mark notes its client.
    later = utcnow() - timedelta(hours=2) - SETTLE - timedelta(minutes=1)
    _write(app, update(EventSession).where(EventSession.id == session.id).values(starts_at=later))
    with app.app_context():
        assert client_days.dirty(plain_shop.id, utcnow()) >= {person.id}
    count_all(app)
    assert [visits for _day, visits, _previous, _back in _days(app, person.id)] == [1]


def test_before_the_first_counting_every_client_is_counted_afresh(app, plain_shop, came):
    people, _ = came
    with app.app_context(), unit_of_work():
        db.session.execute(delete(ClientDay))
        db.session.execute(text("UPDATE counting_marks SET through = NULL"))
        assert client_days.dirty(plain_shop.id, utcnow()) == {person.id for person in people}
    report = plain_shop.owner.get(f"{plain_shop.base}/reports/clients").get_json()
    assert report["totals"]["visits"] == 3
    count_all(app)


def test_a_write_the_triggers_missed_is_found(app, plain_shop, came):
    """The after-test check's own test: with the bookings' trigger gone, a change of attendance goes unnoted and the
    client's kept days are found not to be theirs."""
    (regular, _absent), bookings = came
    with app.app_context(), unit_of_work():
        on = "" if db.engine.dialect.name == "sqlite" else " ON bookings"
        db.session.execute(text(f"DROP TRIGGER clients_booking_changed{on}"))
        db.session.execute(update(Booking).where(Booking.id == bookings[2]["id"]).values(attendance="no_show"))
    with app.app_context():
        assert client_days.unnoted() == [(regular.id, plain_shop.id)]
    _write(app, delete(ClientDay).where(ClientDay.user_id == regular.id))  # leaves the check a clean house
    _write(app, ClientChange.__table__.insert().values(user_id=regular.id))


def test_an_event_given_to_a_studio_notes_its_clients(app, plain_shop, came):
    (regular, _), bookings = came
    with app.app_context():
        event_id = db.session.get(EventSession, _session_of(app, bookings[0]["id"])).event_id
    _write(app, update(Event).where(Event.id == event_id).values(studio_id=plain_shop.id))
    assert regular.id in _noted(app)
    count_all(app)


def _session_of(app, booking_id: int) -> int:
    with app.app_context():
        return db.session.scalar(select(Booking.session_id).where(Booking.id == booking_id))


def test_a_client_noted_many_times_is_counted_once(app, plain_shop, came):
    (regular, _absent), bookings = came
    for attendance in ("no_show", "attended", None):
        _write(app, update(Booking).where(Booking.id == bookings[2]["id"]).values(attendance=attendance))
    assert _noted(app) == [regular.id]
    with app.app_context():
        assert client_days.count_clients(limit=1) == 3  # the oldest change names them: all three of theirs go
    assert _noted(app) == []
