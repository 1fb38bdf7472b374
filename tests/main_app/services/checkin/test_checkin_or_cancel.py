"""A check-in and its person's cancellation: one of the two wins under the session's lock, whatever their order, and
the figures count the check-ins of active bookings only."""

import csv
import io
from datetime import timedelta

import pytest
import sqlalchemy as sa
from racing import race

from main_app.extensions import db
from main_app.models import BOOKING_ACTIVE, Booking, Checkin

pytestmark = pytest.mark.both_databases


@pytest.fixture
def today(make_session, facilitator):
    """A session starting in 30 minutes (check-in is open), 10 seats."""
    return make_session(capacity=10, starts_in=timedelta(minutes=30), facilitator_id=facilitator.id)


@pytest.fixture
def send(facilitator, client_for):
    """Check seats in from a device of its own (a client per call, so calls may run at once)."""

    def post(session_id: int, booking_id: int, seat: int = 1) -> dict:
        path = f"/api/facilitator/{facilitator.id}/sessions/{session_id}/checkins"
        answer = client_for(facilitator).post(path, json={"checkins": [{"booking_id": booking_id, "seat": seat}]})
        assert answer.status_code == 200, answer.get_json()
        return answer.get_json()

    return post


@pytest.fixture
def figures(facilitator, facilitator_client):
    """The session's checked_in as its attendance figures and the attendance CSV say."""

    def read(session_id: int) -> tuple[int, int]:
        base = f"/api/facilitator/{facilitator.id}"
        session = facilitator_client.get(f"{base}/sessions/{session_id}/attendance").get_json()
        text = facilitator_client.get(f"{base}/attendance.csv").get_data(as_text=True)
        [row] = [row for row in csv.DictReader(io.StringIO(text)) if row["session_id"] == str(session_id)]
        return session["checked_in"], int(row["checked_in"])

    return read


def book(client, session_id: int, **extra) -> dict:
    answer = client.post("/bookings/book", json={"session_id": session_id, **extra})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def test_a_checked_in_booking_is_not_cancelled_by_its_person(today, user_client, send, figures, assert_error):
    booking = book(user_client, today.id)
    assert send(today.id, booking["id"])["results"][0]["status"] == "checked_in"
    assert_error(user_client.post(f"/bookings/{booking['id']}/cancel", json={}), 409, "checked_in")
    assert user_client.get("/bookings").get_json()["items"][0]["status"] == BOOKING_ACTIVE
    assert figures(today.id) == (1, 1)


def test_a_checked_in_guests_seat_is_not_given_back(today, user_client, send, assert_error):
    booking = book(user_client, today.id, seats=2, guests=[{"name": "Meera"}])
    [guest] = booking["guests"]
    assert send(today.id, booking["id"], seat=2)["results"][0]["status"] == "checked_in"
    path = f"/bookings/{booking['id']}/guests/{guest['id']}/cancel"
    assert_error(user_client.post(path, json={}), 409, "checked_in")
    assert_error(user_client.post(f"/bookings/{booking['id']}/cancel", json={}), 409, "checked_in")


def test_a_check_in_racing_its_persons_cancel_one_wins(app, today, people, send, figures):
    pairs = [(book(client, today.id), client) for _person, client in people(6)]
    checked_in = 0
    for booking, client in pairs:
        answers = dict(
            race(
                [
                    lambda b=booking: ("checkin", send(today.id, b["id"])),
                    lambda b=booking, c=client: ("cancel", c.post(f"/bookings/{b['id']}/cancel", json={})),
                ]
            )
        )
        result = answers["checkin"]["results"][0]
        cancelled = answers["cancel"].status_code == 200
        if cancelled:
            assert result["reason"] == "booking_not_active", result
        else:
            assert answers["cancel"].get_json()["error"]["code"] == "checked_in"
            assert result["status"] == "checked_in", result
            checked_in += 1
    with app.app_context():
        stray = db.session.scalars(
            sa.select(Checkin.booking_id)
            .join(Booking, Booking.id == Checkin.booking_id)
            .where(Booking.status != BOOKING_ACTIVE)
        ).all()
    assert stray == []
    assert figures(today.id) == (checked_in, checked_in)


def test_the_figures_count_check_ins_of_active_bookings_only(
    today, people, send, figures, facilitator, facilitator_client
):
    (_a, asha), (_r, ravi) = people(2)
    for client in (asha, ravi):
        assert send(today.id, book(client, today.id)["id"])["results"][0]["status"] == "checked_in"
    assert figures(today.id) == (2, 2)
    cancelled = facilitator_client.post(f"/api/facilitator/{facilitator.id}/sessions/{today.id}/cancel", json={})
    assert cancelled.status_code == 200, cancelled.get_json()
    assert figures(today.id) == (0, 0)
