"""The notification centre inside the process: what a person is told by email or text lands there once, through the
dispatcher's app lane, when the email is due; GET /me/notifications pages it unread first; POST .../read marks it."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Notification, OutboxMessage, utcnow
from main_app.services.notices.compose import NOTICES, compose

pytestmark = pytest.mark.both_databases

DAY, HOUR = timedelta(days=1), timedelta(hours=1)


@pytest.fixture
def app_lane(drainer):
    """The dispatcher's app lane as crm-dispatch builds it; calling it writes every due notice."""
    return drainer("app")


def book(client, session_id: int) -> dict:
    response = client.post("/book", json={"session_id": session_id})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def centre(client, query: str = "") -> dict:
    response = client.get(f"/me/notifications{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def make_due(app, message_type: str) -> None:
    with app.app_context(), unit_of_work():
        for message in db.session.scalars(select(OutboxMessage).where(OutboxMessage.type == message_type)):
            message.next_attempt_at = utcnow()


def test_a_booking_lands_in_the_centre_once_and_its_reminders_when_they_are_due(
    app, make_session, user_client, app_lane
):
    session = make_session(starts_in=3 * DAY, title="Morning Flow", timezone="Asia/Kolkata")
    booking = book(user_client, session.id)
    assert centre(user_client)["total"] == 0  # written by the lane, after the commit
    app_lane()
    app_lane()  # nothing more: the confirmation is written once
    page = centre(user_client)
    assert (page["total"], page["unread"]) == (1, 1)
    [notice] = page["items"]
    assert notice["kind"] == "booking_confirmed" and notice["title"] == "Booked: Morning Flow"
    assert "IST" in notice["body"] and notice["link"] == "/bookings" and notice["read_at"] is None
    assert (notice["booking_id"], notice["session_id"]) == (booking["id"], session.id)

    make_due(app, "reminder_24h")
    app_lane()
    assert [n["kind"] for n in centre(user_client)["items"]] == ["reminder_24h", "booking_confirmed"]

    # Cancelled: the 2-hour reminder's notice goes with its email.
    assert user_client.post(f"/bookings/{booking['id']}/cancel", json={}).status_code == 200
    make_due(app, "reminder_2h")
    app_lane()
    kinds = [n["kind"] for n in centre(user_client)["items"]]
    assert kinds == ["booking_cancelled", "reminder_24h", "booking_confirmed"]


def test_unread_first_then_newest_paged_and_marked_read_only_for_their_owner(
    app, make_session, user_client, client_for, make_user, app_lane
):
    for n in range(3):
        book(user_client, make_session(starts_in=3 * DAY, title=f"Class {n}").id)
    app_lane()
    first, second, third = (n["id"] for n in reversed(centre(user_client)["items"]))
    marked = user_client.post("/me/notifications/read", json={"ids": [third]})
    assert marked.status_code == 200 and marked.get_json() == {"marked": 1, "unread": 2}
    page = centre(user_client, "?per_page=2")
    assert ([n["id"] for n in page["items"]], page["pages"], page["unread"]) == ([second, first], 2, 2)
    assert [n["id"] for n in centre(user_client, "?per_page=2&page=2")["items"]] == [third]

    other = client_for(make_user())
    assert other.post("/me/notifications/read", json={"ids": [first, second]}).get_json() == {"marked": 0, "unread": 0}
    assert centre(other)["total"] == 0
    assert user_client.post("/me/notifications/read", json={"all": True}).get_json() == {"marked": 2, "unread": 0}


@pytest.mark.parametrize(
    "body",
    [{}, {"all": False}, {"ids": []}, {"ids": [1], "all": True}, {"ids": ["x"]}, {"ids": [0]}, {"all": "maybe"}],
)
def test_marking_read_needs_ids_or_all(user_client, assert_error, body):
    assert_error(user_client.post("/me/notifications/read", json=body), 400, "validation_error")


def test_the_centre_needs_a_token(client):
    assert client.get("/me/notifications").status_code == 401
    assert client.post("/me/notifications/read", json={"all": True}).status_code == 401


def test_a_notice_that_cannot_be_composed_goes_dead_alone(app, make_session, user_client, app_lane):
    book(user_client, make_session(starts_in=3 * DAY).id)
    with app.app_context(), unit_of_work():
        broken = OutboxMessage(channel="app", type="booking_confirmed", payload={"kind": "booking_confirmed"})
        db.session.add(broken)
        db.session.flush()
        broken_id = broken.id
    app_lane()
    with app.app_context():
        assert db.session.get(OutboxMessage, broken_id).status == "dead"
        assert db.session.scalar(select(Notification.kind)) == "booking_confirmed"


@pytest.mark.parametrize("kind", sorted(NOTICES))
def test_every_kind_of_notice_reads_whole_from_its_snapshot(kind):
    snapshot = {
        "to": {"user_id": 1, "name": "Asha", "email": "a@example.com"},
        "event": {"title": "Morning Flow", "timezone": "Asia/Kolkata", "facilitator": "Priya"},
        "session": {"id": 3, "starts_at": "2027-01-04T01:30:00+00:00", "ends_at": "2027-01-04T02:30:00+00:00"},
        "booking": {"id": 9, "sequence": 0},
        "position": 2,
        "reason": "the hall is flooded",
        "subject": "Bring a mat",
        "text": "See you there.",
        "refund": {"amount": "₹800"},
        "pay": {"by": "Mon 4 Jan 2027, 06:45 IST", "amount": "₹800"},
    }
    notice = compose(kind, snapshot)
    assert notice["title"] and notice["body"] and "{" not in notice["title"] + notice["body"]
    assert (notice["booking_id"], notice["session_id"], notice["link"]) == (9, 3, "/bookings")
