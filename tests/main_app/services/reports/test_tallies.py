"""Session tallies: a begun class counted once and read from its tally; every write that may change its figures
noted in its own transaction, so the reports stay exact before the timers lane counts it again; a class to come
noted by nothing; the lane's counting pausing when there is nothing left, and running on past a failure."""

import logging
from datetime import timedelta

import pytest
from conftest import count_all
from invoice_checks import GST_SETTINGS, book_and_pay
from sqlalchemy import delete, select, text, update

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import (
    Booking,
    Event,
    EventSession,
    SessionTally,
    Studio,
    TallyChange,
    WaitlistEntry,
    utcnow,
)
from main_app.services import reports
from main_app.services.reports import tallies

pytestmark = pytest.mark.both_databases


def _noted(app) -> list[int]:
    with app.app_context():
        return sorted(db.session.scalars(select(TallyChange.session_id)))


def _tally(app, session_id: int) -> SessionTally | None:
    with app.app_context():
        tally = db.session.get(SessionTally, session_id)
        db.session.expunge_all()
        return tally


def _write(app, statement) -> None:
    with app.app_context(), unit_of_work():
        db.session.execute(statement)


@pytest.fixture
def held(app, make_session, make_user, client_for, priya, held_at, mark):
    """A class of priya's held yesterday: three booked (one came, one did not), one left waiting; counted."""
    session = make_session(capacity=3, starts_in=timedelta(days=1), facilitator_id=priya.id, title="Counted Flow")
    people = [client_for(make_user(name=f"Client {n}")) for n in range(4)]
    bookings = [person.post("/book", json={"session_id": session.id}).get_json() for person in people[:3]]
    assert people[3].post(f"/sessions/{session.id}/waitlist", json={}).status_code == 201
    held_at(session.id, utcnow() - timedelta(days=1))
    mark(bookings[0]["id"], "attended")
    mark(bookings[1]["id"], "no_show")
    assert count_all(app) >= 1 and _noted(app) == []
    return session, bookings


def test_a_begun_class_is_counted_once_and_read_from_its_tally(app, plain_shop, held):
    session, bookings = held
    shop = plain_shop
    tally = _tally(app, session.id)
    assert (tally.capacity, tally.booked, tally.attended, tally.no_shows, tally.waited) == (3, 3, 1, 1, 1)
    assert tally.heads == 2 and tally.studio_id == shop.id and tally.event_id == session.event_id
    assert count_all(app) == 0  # nothing left: the lane's next look finds nothing
    with app.app_context():
        studio = db.session.get(Studio, shop.id)
        span = reports.span_of({}, studio.timezone)
        assert tallies.fresh_lines(studio, span) == []  # read from its tally alone
        assert [line["session_id"] for line in tallies.span_lines(studio, span)] == [session.id]
    # Its figures change: the report has the change at once (the class is counted afresh), then from its new tally.
    _write(app, update(Booking).where(Booking.id == bookings[2]["id"]).values(attendance="attended"))
    assert _noted(app) == [session.id]
    before = shop.owner.get(f"{shop.base}/reports/attendance").get_json()
    assert before["totals"]["attended"] == 2
    assert count_all(app) == 2 and _noted(app) == [] and _tally(app, session.id).attended == 2  # a tally, a change
    assert shop.owner.get(f"{shop.base}/reports/attendance").get_json() == before


WRITES = {
    "a booking's attendance": lambda ids: update(Booking).where(Booking.id == ids.booking).values(attendance=None),
    "a booking cancelled": lambda ids: update(Booking).where(Booking.id == ids.booking).values(status="cancelled"),
    "a booking's seats": lambda ids: update(Booking).where(Booking.id == ids.booking).values(seats=1),
    "a place left": lambda ids: delete(WaitlistEntry).where(WaitlistEntry.session_id == ids.session),
    "the class's capacity": lambda ids: update(EventSession).where(EventSession.id == ids.session).values(capacity=9),
    "the class cancelled": lambda ids: (
        update(EventSession).where(EventSession.id == ids.session).values(status="cancelled")
    ),
    "the class moved on": lambda ids: (
        update(EventSession)
        .where(EventSession.id == ids.session)
        .values(starts_at=utcnow() + timedelta(days=9), ends_at=utcnow() + timedelta(days=9, hours=1))
    ),
    "its late-cancel window": lambda ids: update(Event).where(Event.id == ids.event).values(late_cancel_hours=1),
    "its studio's clock": lambda ids: update(Studio).where(Studio.id == ids.studio).values(timezone="Europe/London"),
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_every_write_that_may_change_a_class_notes_it_in_its_own_transaction(app, plain_shop, held, write):
    session, bookings = held
    shop = plain_shop

    class Ids:
        session, booking, event, studio = held[0].id, bookings[2]["id"], held[0].event_id, shop.id

    _write(app, WRITES[write](Ids))
    assert session.id in _noted(app), write
    count_all(app)
    with app.app_context():  # counted again: the tally is the class's figures as they are now, or gone with it
        found = tallies.kept_lines(db.session.get(Studio, shop.id), (SessionTally.session_id == session.id,))
        fresh = reports.counting.live_lines(
            db.session.get(Studio, shop.id),
            (EventSession.id == session.id, EventSession.status == "scheduled", EventSession.starts_at < utcnow()),
        )
    assert [line["figures"] for line in found] == [line["figures"] for line in fresh]


def test_a_refund_after_the_class_is_noted_by_its_credit_note(
    app, client, user_client, plain_shop, held_at, payments_lane
):
    shop = plain_shop
    assert shop.owner.put(f"{shop.base}/invoicing", json=GST_SETTINGS).status_code == 200
    book_and_pay(client, user_client, shop.session.id)
    held_at(shop.session.id, utcnow() - timedelta(days=1))
    count_all(app)
    net = _tally(app, shop.session.id).net_revenue
    payment_id = user_client.get("/me/invoices").get_json()["items"][0]["payment_id"]
    asked = shop.owner.post(f"{shop.base}/payments/{payment_id}/refunds", json={"amount": 11_800, "reason": "Late"})
    assert asked.status_code == 201, asked.get_json()
    payments_lane()
    assert shop.session.id in _noted(app)
    count_all(app)
    assert _tally(app, shop.session.id).net_revenue == net - 10_000  # ₹118 back, ₹100 of it before GST


def test_a_class_to_come_is_noted_by_nothing(app, plain_shop, make_user, client_for):
    shop = plain_shop
    person = client_for(make_user(name="Early Bird"))
    assert person.post("/book", json={"session_id": shop.session.id}).status_code == 201  # three days ahead
    _write(app, update(EventSession).where(EventSession.id == shop.session.id).values(capacity=31))
    assert _noted(app) == [] and count_all(app) == 0


def test_the_lane_pauses_when_nothing_is_left_and_runs_on_past_a_failure(app, monkeypatch, caplog):
    now = [0.0]
    tallier = tallies.Tallier(interval=60.0, clock=lambda: now[0])
    with app.app_context():
        assert tallier() == 0  # nothing begun: a pause
        monkeypatch.setattr(tallies, "count_some", lambda: pytest.fail("counted during the pause"))
        now[0] = 59.0
        assert tallier() == 0

        def broken():
            raise RuntimeError("the database went away")

        monkeypatch.setattr(tallies, "count_some", broken)
        now[0] = 61.0
        with caplog.at_level(logging.WARNING):
            assert tallier() == 0
        assert "a batch failed (RuntimeError)" in caplog.text
        monkeypatch.setattr(tallies, "count_some", lambda: 5)
        now[0] = 100.0
        assert tallier() == 0  # still pausing after the failure
        now[0] = 122.0
        assert tallier() == 5 and tallier() == 5  # a full batch: the next idle moment takes another


def test_a_write_the_triggers_missed_is_found(app, plain_shop, held):
    """The after-test check's own test: with the bookings' trigger gone, a change of attendance goes unnoted and the
    tally is found not to be the class's figures."""
    session, bookings = held
    with app.app_context(), unit_of_work():
        on = "" if db.engine.dialect.name == "sqlite" else " ON bookings"
        db.session.execute(text(f"DROP TRIGGER tally_booking_changed{on}"))
        db.session.execute(update(Booking).where(Booking.id == bookings[1]["id"]).values(attendance="attended"))
    assert _noted(app) == []
    with app.app_context():
        assert tallies.unnoted() == [session.id]
    _write(app, delete(SessionTally).where(SessionTally.session_id == session.id))  # leaves the check a clean house


def test_classes_counted_afresh_are_the_same_named_or_found_again(app, plain_shop, held, monkeypatch):
    """A few classes are named by id in each statement; a long list (a history not counted yet) goes as its query."""
    session, _ = held
    conditions = (EventSession.id == session.id,)
    with app.app_context():
        studio = db.session.get(Studio, plain_shop.id)
        named = reports.counting.live_lines(studio, conditions)
        monkeypatch.setattr(reports.counting, "MOST_LISTED", 0)
        assert reports.counting.live_lines(studio, conditions) == named and named[0]["figures"]["booked"] == 3
