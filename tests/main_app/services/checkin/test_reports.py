"""Attendance reports: a session's figures, a person's history with a facilitator, and sessions in a range as CSV."""

import csv
import io
from datetime import timedelta

import pytest
from test_attendance import check_in, time_passes

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Booking, utcnow

pytestmark = pytest.mark.both_databases


def test_a_sessions_figures_after_it_closed(app, make_session, people, facilitator, facilitator_client, payments_lane):
    session = make_session(capacity=10, starts_in=timedelta(minutes=10), facilitator_id=facilitator.id)
    (_a, a), (_b, b), (_c, c), (_d, d) = people(4)
    came = a.post("/bookings/book", json={"session_id": session.id, "seats": 2, "guests": [{"name": "M"}]}).get_json()
    missed = b.post("/bookings/book", json={"session_id": session.id}).get_json()
    late = c.post("/bookings/book", json={"session_id": session.id}).get_json()
    early = d.post("/bookings/book", json={"session_id": session.id}).get_json()
    c.post(f"/bookings/{late['id']}/cancel", json={})  # 10 minutes before the start: after the 12-hour cut-off
    d.post(f"/bookings/{early['id']}/cancel", json={})
    with app.app_context(), unit_of_work():  # as if d had cancelled two days ago: in time
        db.session.get(Booking, early["id"]).cancelled_at = utcnow() - timedelta(days=2)
    path = f"/api/facilitator/{facilitator.id}/sessions/{session.id}/attendance"
    before = facilitator_client.get(path).get_json()
    assert (before["booked"], before["closed"], before["late_cancels"]) == (3, False, 1)
    check_in(facilitator_client, facilitator, session.id, came["id"])
    time_passes(app, session.id)
    payments_lane()
    figures = facilitator_client.get(path).get_json()
    assert {k: figures[k] for k in ("booked", "attended", "no_shows", "checked_in", "late_cancels", "closed")} == {
        "booked": 3,
        "attended": 1,
        "no_shows": 1,
        "checked_in": 1,
        "late_cancels": 1,
        "closed": True,
    }
    history = facilitator_client.get(f"/api/facilitator/{facilitator.id}/people/{_b.id}/attendance").get_json()
    assert (history["booked"], history["no_shows"], history["items"][0]["attendance"]) == (1, 1, "no_show")
    late_history = facilitator_client.get(f"/api/facilitator/{facilitator.id}/people/{_c.id}/attendance").get_json()
    assert late_history["late_cancels"] == 1 and late_history["items"][0]["late_cancel"] is True
    assert missed["id"] == history["items"][0]["booking_id"]


def test_a_person_who_never_booked_is_not_found(facilitator, facilitator_client, user, assert_error):
    answer = facilitator_client.get(f"/api/facilitator/{facilitator.id}/people/{user.id}/attendance")
    assert_error(answer, 404, "person_not_found")


def test_the_attendance_csv_lists_sessions_in_the_range(make_session, facilitator, facilitator_client, user_client):
    soon = make_session(capacity=4, starts_in=timedelta(days=1), facilitator_id=facilitator.id, title="=cmd|calc")
    make_session(capacity=4, starts_in=timedelta(days=200), facilitator_id=facilitator.id)
    user_client.post("/bookings/book", json={"session_id": soon.id})
    answer = facilitator_client.get(f"/api/facilitator/{facilitator.id}/attendance.csv")
    assert answer.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(answer.get_data(as_text=True))))
    assert rows[0][:6] == ["session_id", "event", "starts_at (UTC)", "status", "capacity", "booked"]  # seed routes
    assert [(r[0], r[1], r[5]) for r in rows[1:]] == [(str(soon.id), "'=cmd|calc", "1")]


def test_a_range_is_checked(facilitator, facilitator_client, assert_error):
    path = f"/api/facilitator/{facilitator.id}/attendance.csv"
    assert_error(
        facilitator_client.get(f"{path}?from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z"),
        400,
        "validation_error",
        "to",
    )
    assert_error(
        facilitator_client.get(f"{path}?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z"),
        400,
        "validation_error",
        "to",
    )
    assert_error(facilitator_client.get(f"{path}?from=9999-12-31T00:00:00Z"), 400, "validation_error", "from")
    assert facilitator_client.get(f"{path}?from=2026-01-01T00:00:00Z").status_code == 200
