"""The attendance report as a studio's owner reads it: how full its classes were, who came and who did not, late
cancels and the people who waited and never got a seat; by class, weekday and hour, instructor and period."""

import csv
import io
import sys
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from conftest import count_all
from sqlalchemy import update

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Event, EventSession, Studio, utcnow

pytestmark = pytest.mark.both_databases


def _setup(app, shop, session_id: int, **values) -> None:
    """Change the session (instructor_id) and its event (late_cancel_hours, title) straight in the database."""
    with app.app_context(), unit_of_work():
        row = db.session.get(EventSession, session_id)
        if "instructor_id" in values:
            row.instructor_id = values.pop("instructor_id")
        if values:
            db.session.execute(update(Event).where(Event.id == row.event_id).values(**values))


def _people(make_user, client_for, count: int):
    return [client_for(make_user(name=f"Client {n}")) for n in range(count)]


def _busy_class(app, make_session, make_user, client_for, priya, held_at, mark, when):
    """Two seats: two booked, two waiting; one booker cancels late (the first in line gets the seat), then the class
    is held at when: one came, one did not, one still waits."""
    session = make_session(capacity=2, starts_in=timedelta(days=1), facilitator_id=priya.id, title="Morning Flow")
    _setup(app, None, session.id, late_cancel_hours=48)
    a, b, c, d = _people(make_user, client_for, 4)
    first, second = (person.post("/book", json={"session_id": session.id}).get_json() for person in (a, b))
    for person in (c, d):
        assert person.post(f"/sessions/{session.id}/waitlist", json={}).status_code == 201
    assert a.post(f"/bookings/{first['id']}/cancel", json={}).status_code == 200
    promoted = next(item for item in c.get("/bookings").get_json()["items"] if item["session_id"] == session.id)
    held_at(session.id, when)
    mark(second["id"], "attended")
    mark(promoted["id"], "no_show")
    return session


def test_attendance_counts_fill_shows_late_cancels_and_waiting(
    app, make_session, make_user, client_for, priya, shop, held_at, mark, add_member
):
    now = utcnow().replace(minute=0, second=0, microsecond=0)
    _busy_class(app, make_session, make_user, client_for, priya, held_at, mark, now - timedelta(days=2))
    ravi = make_user(name="Ravi Iyer")
    add_member(shop.id, ravi, "instructor")
    quiet = make_session(capacity=10, starts_in=timedelta(days=1), facilitator_id=priya.id, title="Yin")
    _setup(app, shop, quiet.id, instructor_id=ravi.id)
    _people(make_user, client_for, 1)[0].post("/book", json={"session_id": quiet.id})
    held_at(quiet.id, now - timedelta(days=3))
    earlier = make_session(capacity=3, starts_in=timedelta(days=1), facilitator_id=priya.id)
    held_at(earlier.id, now - timedelta(days=40))  # the previous 30 days
    make_session(capacity=9, starts_in=-timedelta(days=2), facilitator_id=priya.id, session_status="cancelled")
    make_session(capacity=9, starts_in=-timedelta(days=2))  # another studio's

    report = shop.owner.get(f"{shop.base}/reports/attendance").get_json()
    totals = report["totals"]
    # The busy and the quiet class; the shop's own, three days ahead, is after to (today).
    assert {key: totals[key] for key in ("sessions", "capacity", "booked", "attended", "no_shows")} == {
        "sessions": 2,
        "capacity": 12,
        "booked": 3,
        "attended": 1,
        "no_shows": 1,
    }
    assert totals["fill_rate"] == 0.25
    assert (totals["late_cancels"], totals["waited"]) == (1, 1)
    assert report["previous"]["sessions"] == 1 and report["previous"]["capacity"] == 3
    classes = {row["title"]: row for row in report["classes"]}
    assert classes["Morning Flow"]["fill_rate"] == 1.0 and classes["Yin"]["fill_rate"] == 0.1
    assert classes["Morning Flow"]["waited"] == 1 and classes["Morning Flow"]["late_cancels"] == 1
    teachers = {row["name"]: row["booked"] for row in report["instructors"]}
    assert teachers == {"Dr. Priya Sharma": 2, "Ravi Iyer": 1}
    zone = ZoneInfo(_zone(app, shop.id))
    local = (now - timedelta(days=2)).astimezone(zone)
    slot = next(row for row in report["slots"] if (row["weekday"], row["hour"]) == (local.weekday(), local.hour))
    assert slot["booked"] >= 2 and sum(row["sessions"] for row in report["slots"]) == totals["sessions"]
    assert sum(period["booked"] for period in report["periods"]) == totals["booked"]
    assert report["classes_total"] == 2


def test_the_classes_listed_are_the_most_booked(
    app, make_session, make_user, client_for, priya, shop, held_at, monkeypatch
):
    people = _people(make_user, client_for, 3)
    for title, booked in (("Quiet", 1), ("Busy", 3), ("Middling", 2)):
        session = make_session(capacity=5, starts_in=timedelta(days=1), facilitator_id=priya.id, title=title)
        for person in people[:booked]:
            assert person.post("/book", json={"session_id": session.id}).status_code == 201
        held_at(session.id, utcnow() - timedelta(days=2))
    monkeypatch.setattr(sys.modules["main_app.services.reports.attendance"], "MOST_CLASSES", 2)
    report = shop.owner.get(f"{shop.base}/reports/attendance").get_json()
    assert [row["title"] for row in report["classes"]] == ["Busy", "Middling"] and report["classes_total"] == 3
    assert report["totals"]["booked"] == 6  # every class still counted


def _zone(app, studio_id: int) -> str:
    with app.app_context():
        return db.session.get(Studio, studio_id).timezone


def test_attendance_csv_has_a_row_per_class_held(app, make_session, make_user, client_for, priya, shop, held_at, mark):
    now = utcnow().replace(microsecond=0)
    _busy_class(app, make_session, make_user, client_for, priya, held_at, mark, now - timedelta(days=1))
    held_at(shop.session.id, now - timedelta(days=5))
    answer = shop.owner.get(f"{shop.base}/reports/attendance?format=csv")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True))))
    assert [(row["class"], row["capacity"]) for row in rows] == [("Morning Flow", "30"), ("Morning Flow", "2")]
    assert f"time ({_zone(app, shop.id)})" in rows[0]  # the studio's clock, named
    busy = rows[1]
    assert (busy["capacity"], busy["booked"], busy["attended"], busy["no_shows"]) == ("2", "2", "1", "1")
    assert (busy["late_cancels"], busy["waited"], busy["fill_rate"]) == ("1", "1", "1.0")


def test_a_span_over_two_years_or_backwards_is_refused(shop):
    for query in ("from=2024-01-01&to=2026-06-01", "from=2026-06-02&to=2026-06-01", "by=year"):
        answer = shop.owner.get(f"{shop.base}/reports/attendance?{query}")
        assert answer.status_code == 400 and answer.get_json()["error"]["code"] in (
            "report_range_invalid",
            "validation_error",
        ), query


def test_a_class_read_from_a_tally_and_counted_afresh_adds_up(app, make_event, priya, plain_shop):
    """Two weeks of one class, both begun: one read from its tally, the other counted afresh after a change."""
    event = make_event(title="Weekly", facilitator_id=priya.id, sessions=2, starts_in=-timedelta(days=10), capacity=4)
    count_all(app)
    with app.app_context(), unit_of_work():  # the second week's capacity changes: noted, counted afresh
        db.session.get(EventSession, event.session_ids[1]).capacity = 6
    report = plain_shop.owner.get(f"{plain_shop.base}/reports/attendance").get_json()
    (weekly,) = [row for row in report["classes"] if row["event_id"] == event.id]
    assert (weekly["sessions"], weekly["capacity"]) == (2, 10)
