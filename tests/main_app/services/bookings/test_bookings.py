"""Booking, listing, cancelling and reactivating seats; the outbox message each change writes."""

import json
import threading
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Booking, EventSession

BOOKING_KEYS = {
    "id",
    "for",
    "status",
    "seats",
    "guests",
    "session_id",
    "user_id",
    "created_at",
    "cancelled_at",
    "cancel_reason",
    "cancelled_by",
    "reactivated_at",
    "session",
    "join_url",  # an online or hybrid class's join page: null for this one, in person
    "event",
    "reminders_at",
    # Paid sessions (null for this free one): the hold, the payment, seed 004's flat fields, the refund cut-off.
    "hold_expires_at",
    "payment",
    "payment_id",
    "payment_status",
    "payment_provider",
    "amount_paid",
    "currency",
    "refund_id",
    "refund_status",
    "refunded_at",
    "refundable_until",
    "pass_id",
    "credit_back_until",
    "option",  # the room option booked: null for a session without options
    "payment_plan",
}


@pytest.fixture
def session(make_session):
    """A session with 5 free seats starting tomorrow."""
    return make_session(capacity=5)


@pytest.fixture
def book(user_client):
    """book(session_id) as the user; returns the response."""

    def post(session_id, path="/book"):
        return user_client.post(path, json={"session_id": session_id})

    return post


def booked(response) -> dict:
    assert response.status_code in (200, 201), response.get_json()
    return response.get_json()


def booking_row(app, booking_id) -> dict:
    with app.app_context():
        row = db.session.get(Booking, booking_id)
        return {"status": row.status, "cancelled_at": row.cancelled_at, "reactivated_at": row.reactivated_at}


def set_session(app, session_id, **values) -> None:
    """Change a session behind the API's back (a facilitator's edit, time passing)."""
    with app.app_context(), unit_of_work():
        db.session.execute(sa.update(EventSession).where(EventSession.id == session_id).values(**values))


# -- booking ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/book", "/bookings/book"])
def test_book_returns_201_with_booking_session_and_event(book, session, user, facilitator, seats, path):
    response = book(session.id, path)
    assert response.status_code == 201
    body = response.get_json()
    assert set(body) == BOOKING_KEYS
    assert body["status"] == "active"
    assert (body["session_id"], body["user_id"]) == (session.id, user.id)
    assert body["cancelled_at"] is None and body["reactivated_at"] is None
    assert datetime.fromisoformat(body["created_at"]).utcoffset() == timedelta(0)
    assert body["session"]["id"] == session.id
    assert (body["session"]["capacity"], body["session"]["seats_taken"], body["session"]["seats_left"]) == (5, 1, 4)
    assert body["event"]["id"] == session.event_id
    assert body["event"]["title"] == "Morning Flow"
    assert body["event"]["timezone"] == "UTC"  # the zone its times are shown in
    assert body["event"]["facilitator"] == {"id": facilitator.id, "name": "Dr. Test Facilitator"}
    assert seats(session.id) == (5, 1)


def test_seats_left_in_the_catalogue_decrease(client, book, session, make_user, client_for):
    book(session.id)
    client_for(make_user()).post("/book", json={"session_id": session.id})
    item = client.get(f"/events/{session.event_id}").get_json()
    assert item["sessions"][0]["seats_left"] == 3
    assert item["seats_left"] == 3


def test_the_crm_hears_the_seats_each_booking_left(book, session, make_user, client_for, outbox):
    book(session.id)
    client_for(make_user()).post("/book", json={"session_id": session.id})
    created = [m["payload"] for m in outbox() if m["type"] == "booking_created"]
    assert [p["data"]["session"]["seats_left"] for p in created] == [4, 3]


def test_second_booking_of_the_same_session_is_409(book, session, seats, outbox, assert_error):
    booked(book(session.id))
    assert_error(book(session.id), 409, "already_booked")
    assert_error(book(session.id, "/bookings/book"), 409, "already_booked")
    assert seats(session.id) == (5, 1)
    assert len(outbox()) == 1


def test_full_session_is_409(make_session, make_user, client_for, seats, outbox, assert_error):
    session = make_session(capacity=2)
    for _ in range(2):
        assert client_for(make_user()).post("/book", json={"session_id": session.id}).status_code == 201
    error = assert_error(client_for(make_user()).post("/book", json={"session_id": session.id}), 409, "session_full")
    assert error["message"] == "This session is full."
    assert seats(session.id) == (2, 2)
    assert len(outbox()) == 2


def test_cancelled_session_is_409(book, make_session, seats, outbox, assert_error):
    session = make_session(session_status="cancelled")
    assert_error(book(session.id), 409, "session_cancelled")
    assert seats(session.id) == (5, 0)
    assert outbox() == []


def test_session_of_a_cancelled_event_is_409(book, make_session, seats, outbox, assert_error):
    session = make_session(status="cancelled")
    assert_error(book(session.id), 409, "session_cancelled")
    assert seats(session.id) == (5, 0)
    assert outbox() == []


@pytest.mark.parametrize("starts_in", [-timedelta(minutes=5), -timedelta(days=3)])
def test_started_session_is_409(book, make_session, seats, outbox, assert_error, starts_in):
    session = make_session(starts_in=starts_in)
    assert_error(book(session.id), 409, "session_started")
    assert seats(session.id) == (5, 0)
    assert outbox() == []


def test_unknown_session_is_404(book, session, outbox, assert_error):
    error = assert_error(book(session.id + 1000), 404, "session_not_found")
    assert str(session.id + 1000) in error["message"]
    assert outbox() == []


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"session": 1},
        {"session_id": "1"},
        {"session_id": True},
        {"session_id": 1.0},
        {"session_id": 1.5},
        {"session_id": -1},
        {"session_id": 0},
        {"session_id": 2**31},
        {"session_id": 2**63},
        {"session_id": None},
        {"session_id": [1]},
        {"session_id": {"id": 1}},
    ],
)
def test_bad_body_is_400_naming_session_id(user_client, session, seats, outbox, assert_error, body):
    error = assert_error(user_client.post("/book", json=body), 400, "validation_error", "session_id")
    assert isinstance(error["details"]["session_id"], list)
    assert seats(session.id) == (5, 0)
    assert outbox() == []


@pytest.mark.parametrize("body", [[1], [{"session_id": 1}], 1, "1", True, None])
def test_non_object_body_is_400(user_client, session, seats, assert_error, body):
    response = user_client.post("/book", data=json.dumps(body), content_type="application/json")
    error = assert_error(response, 400, "validation_error", "body")
    assert error["details"] == {"body": ["Must be a JSON object."]}
    assert seats(session.id) == (5, 0)


def test_malformed_json_is_400(user_client, session, seats, assert_error):
    response = user_client.post("/book", data='{"session_id": 1', content_type="application/json")
    assert_error(response, 400, "invalid_json")
    assert seats(session.id) == (5, 0)


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "text/plain", None])
def test_body_that_is_not_json_is_400(user_client, session, seats, outbox, assert_error, content_type):
    kwargs = {"content_type": content_type} if content_type else {}
    response = user_client.post("/book", data=f"session_id={session.id}", **kwargs)
    error = assert_error(response, 400, "invalid_content_type", "Content-Type")
    assert error["details"]["Content-Type"] == [f"Expected application/json, got {content_type or 'none'}."]
    assert seats(session.id) == (5, 0)
    assert outbox() == []


def test_json_body_with_a_charset_is_fine(user_client, session):
    response = user_client.post(
        "/book", data=json.dumps({"session_id": session.id}), content_type="application/json; charset=utf-8"
    )
    assert response.status_code == 201


@pytest.mark.both_databases
def test_last_seat_goes_to_exactly_one_of_many_concurrent_requests(
    app, make_session, make_user, client_for, seats, outbox
):
    session = make_session(capacity=1)
    clients = [client_for(make_user()) for _ in range(6)]
    statuses, start = [], threading.Barrier(len(clients))

    def attempt(client):
        start.wait()
        statuses.append(client.post("/book", json={"session_id": session.id}).status_code)

    threads = [threading.Thread(target=attempt, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(statuses) == [201] + [409] * 5
    assert seats(session.id) == (1, 1)
    assert len(outbox()) == 1


# -- listing ----------------------------------------------------------------------------------------


def test_list_only_the_callers_bookings_newest_first(user_client, make_session, make_user, client_for, user):
    sessions = [make_session(title=f"S{i}") for i in range(3)]
    mine = [booked(user_client.post("/book", json={"session_id": s.id}))["id"] for s in sessions]
    client_for(make_user()).post("/book", json={"session_id": sessions[0].id})
    response = user_client.get("/bookings")
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"items", "page", "per_page", "total", "pages", "waiting"}
    assert [b["id"] for b in body["items"]] == list(reversed(mine))
    assert {b["user_id"] for b in body["items"]} == {user.id}
    assert (body["total"], body["pages"]) == (3, 1)
    assert body["items"][0]["event"]["title"] == "S2"
    assert set(body["items"][0]) == BOOKING_KEYS


def test_list_is_paginated(user_client, make_session):
    ids = [booked(user_client.post("/book", json={"session_id": make_session().id}))["id"] for _ in range(3)]
    page1 = user_client.get("/bookings?per_page=2").get_json()
    page2 = user_client.get("/bookings?per_page=2&page=2").get_json()
    assert [b["id"] for b in page1["items"]] == [ids[2], ids[1]]
    assert [b["id"] for b in page2["items"]] == [ids[0]]
    assert (page1["total"], page1["pages"], page2["page"]) == (3, 2, 2)


def test_list_includes_cancelled_bookings(user_client, book, session):
    booking = booked(book(session.id))
    user_client.post(f"/bookings/{booking['id']}/cancel")
    [item] = user_client.get("/bookings").get_json()["items"]
    assert (item["id"], item["status"]) == (booking["id"], "cancelled")


def test_empty_list(user_client):
    assert user_client.get("/bookings").get_json() == {
        "items": [],
        "page": 1,
        "per_page": 20,
        "total": 0,
        "pages": 1,
        "waiting": [],
    }


@pytest.mark.parametrize("query, field", [("per_page=101", "per_page"), ("page=0", "page")])
def test_list_bad_pagination_is_400(user_client, assert_error, query, field):
    assert_error(user_client.get(f"/bookings?{query}"), 400, "validation_error", field)


# -- cancelling -------------------------------------------------------------------------------------


def test_cancel_frees_the_seat(app, user_client, book, session, seats):
    booking = booked(book(session.id))
    response = user_client.post(f"/bookings/{booking['id']}/cancel", json={"reason": "Feeling unwell"})
    assert response.status_code == 200
    body = response.get_json()
    assert (body["id"], body["status"], body["cancel_reason"]) == (booking["id"], "cancelled", "Feeling unwell")
    assert body["cancelled_by"] == "person"
    assert datetime.fromisoformat(body["cancelled_at"]).utcoffset() == timedelta(0)
    assert body["session"]["seats_left"] == 5
    assert seats(session.id) == (5, 0)
    assert booking_row(app, booking["id"])["status"] == "cancelled"


def test_cancel_without_a_body(user_client, book, session, seats):
    booking = booked(book(session.id))
    response = user_client.post(f"/bookings/{booking['id']}/cancel")
    assert response.status_code == 200
    assert response.get_json()["cancel_reason"] is None
    assert seats(session.id) == (5, 0)


def test_cancel_twice_is_409(user_client, book, session, seats, outbox, assert_error):
    booking = booked(book(session.id))
    assert user_client.post(f"/bookings/{booking['id']}/cancel").status_code == 200
    assert_error(user_client.post(f"/bookings/{booking['id']}/cancel"), 409, "already_cancelled")
    assert seats(session.id) == (5, 0)
    assert [m["type"] for m in outbox()] == ["booking_created", "booking_cancelled"]


def test_cancel_someone_elses_booking_is_404(app, book, session, make_user, client_for, seats, outbox, assert_error):
    booking = booked(book(session.id))
    stranger = client_for(make_user())
    assert_error(stranger.post(f"/bookings/{booking['id']}/cancel"), 404, "booking_not_found")
    assert_error(stranger.post(f"/bookings/{booking['id']}/reactivate"), 404, "booking_not_found")
    assert booking_row(app, booking["id"])["status"] == "active"
    assert seats(session.id) == (5, 1)
    assert len(outbox()) == 1


@pytest.mark.parametrize("action", ["cancel", "reactivate"])
def test_unknown_booking_is_404(user_client, assert_error, action):
    assert_error(user_client.post(f"/bookings/4242/{action}"), 404, "booking_not_found")


@pytest.mark.parametrize("booking_id", ["0", "abc", "99999999999", "-1"])
def test_impossible_booking_ids_are_404(user_client, assert_error, booking_id):
    assert_error(user_client.post(f"/bookings/{booking_id}/cancel"), 404, "not_found")


def test_cancel_reason_too_long_is_400(user_client, book, session, seats, assert_error):
    booking = booked(book(session.id))
    assert_error(
        user_client.post(f"/bookings/{booking['id']}/cancel", json={"reason": "x" * 501}),
        400,
        "validation_error",
        "reason",
    )
    assert seats(session.id) == (5, 1)


# -- reactivating -----------------------------------------------------------------------------------


def test_reactivate_takes_the_seat_again(app, user_client, book, session, seats):
    booking = booked(book(session.id))
    user_client.post(f"/bookings/{booking['id']}/cancel", json={"reason": "oops"})
    response = user_client.post(f"/bookings/{booking['id']}/reactivate")
    assert response.status_code == 200
    body = response.get_json()
    assert (body["id"], body["status"], body["cancelled_at"], body["cancel_reason"]) == (
        booking["id"],
        "active",
        None,
        None,
    )
    assert datetime.fromisoformat(body["reactivated_at"]).utcoffset() == timedelta(0)
    assert body["session"]["seats_left"] == 4
    assert seats(session.id) == (5, 1)


def test_reactivate_an_active_booking_is_409(user_client, book, session, seats, assert_error):
    booking = booked(book(session.id))
    assert_error(user_client.post(f"/bookings/{booking['id']}/reactivate"), 409, "already_active")
    assert seats(session.id) == (5, 1)


def test_reactivate_when_full_is_409_and_changes_nothing(
    app, user_client, book, make_session, make_user, client_for, seats, outbox, assert_error
):
    session = make_session(capacity=1)
    booking = booked(book(session.id))
    user_client.post(f"/bookings/{booking['id']}/cancel")
    assert client_for(make_user()).post("/book", json={"session_id": session.id}).status_code == 201
    before = booking_row(app, booking["id"])
    messages_before = outbox()

    assert_error(user_client.post(f"/bookings/{booking['id']}/reactivate"), 409, "session_full")

    assert booking_row(app, booking["id"]) == before
    assert before["status"] == "cancelled"
    assert seats(session.id) == (1, 1)
    assert outbox() == messages_before


def test_reactivate_after_the_session_started_is_409(app, user_client, book, session, seats, assert_error):
    booking = booked(book(session.id))
    user_client.post(f"/bookings/{booking['id']}/cancel")
    set_session(app, session.id, starts_at=datetime.now(UTC) - timedelta(minutes=1))
    assert_error(user_client.post(f"/bookings/{booking['id']}/reactivate"), 409, "session_started")
    assert booking_row(app, booking["id"])["status"] == "cancelled"
    assert seats(session.id) == (5, 0)


def test_reactivate_after_the_session_was_cancelled_is_409(app, user_client, book, session, seats, assert_error):
    booking = booked(book(session.id))
    user_client.post(f"/bookings/{booking['id']}/cancel")
    set_session(app, session.id, status="cancelled")
    assert_error(user_client.post(f"/bookings/{booking['id']}/reactivate"), 409, "session_cancelled")
    assert seats(session.id) == (5, 0)


def test_reactivate_while_another_booking_is_active_is_409(
    app, user_client, book, session, seats, outbox, assert_error
):
    first = booked(book(session.id))
    user_client.post(f"/bookings/{first['id']}/cancel")
    second = booked(book(session.id))
    assert second["id"] != first["id"]
    messages_before = outbox()

    assert_error(user_client.post(f"/bookings/{first['id']}/reactivate"), 409, "already_booked")

    assert booking_row(app, first["id"])["status"] == "cancelled"
    assert booking_row(app, second["id"])["status"] == "active"
    assert seats(session.id) == (5, 1)
    assert outbox() == messages_before


def test_book_cancel_book_again_makes_a_new_booking(user_client, book, session, seats):
    first = booked(book(session.id))
    user_client.post(f"/bookings/{first['id']}/cancel")
    second = booked(book(session.id))
    assert second["id"] != first["id"]
    assert seats(session.id) == (5, 1)


# -- the outbox -------------------------------------------------------------------------------------


def assert_booking_message(message: dict, kind: str, booking: dict, user, session, facilitator) -> None:
    """One outbox message describing a booking change, in the agreed payload shape."""
    assert message["type"] == f"booking_{kind}"
    assert message["status"] == "pending"
    assert message["attempts"] == 0
    payload = message["payload"]
    assert payload["notification_id"] == message["id"]
    assert payload["type"] == f"booking_{kind}"
    assert datetime.fromisoformat(payload["occurred_at"]).utcoffset() == timedelta(0)
    assert abs(datetime.fromisoformat(payload["occurred_at"]) - datetime.now(UTC)) < timedelta(minutes=1)
    assert payload["booking_id"] == booking["id"]
    assert payload["session_id"] == session.id
    assert payload["facilitator_id"] == facilitator.id
    person = dict(payload["user"])
    # other_name rides along where the path read it (null: they gave none); a row read without it leaves it out.
    assert person.pop("other_name", None) is None
    assert person == {"id": user.id, "name": user.name, "email": user.email}
    assert payload["data"]["actor"] == {"id": user.id, "role": "user"}  # news for the facilitator: unread in the CRM
    assert "batch_id" not in payload["data"]
    assert payload["event"]["id"] == session.event_id
    assert payload["event"]["title"] == "Morning Flow"
    assert datetime.fromisoformat(payload["event"]["start_date"]) == datetime.fromisoformat(
        booking["session"]["starts_at"]
    )


def test_each_change_writes_exactly_one_message(user_client, book, session, user, facilitator, outbox):
    booking = booked(book(session.id))
    [created] = outbox()
    assert_booking_message(created, "created", booking, user, session, facilitator)
    assert created["payload"]["data"]["booking_status"] == "active"
    assert created["payload"]["data"]["session"]["seats_left"] == 4
    assert created["payload"]["data"]["session"]["timezone"] == "UTC"  # the inbox reads its times on it

    booked(user_client.post(f"/bookings/{booking['id']}/cancel", json={"reason": "travel"}))
    created_again, cancelled = outbox()
    assert created_again == created
    assert_booking_message(cancelled, "cancelled", booking, user, session, facilitator)
    assert cancelled["payload"]["data"]["cancel_reason"] == "travel"
    assert cancelled["payload"]["data"]["session"]["seats_left"] == 5

    booked(user_client.post(f"/bookings/{booking['id']}/reactivate"))
    messages = outbox()
    assert len(messages) == 3
    assert_booking_message(messages[2], "reactivated", booking, user, session, facilitator)
    assert messages[2]["payload"]["data"]["session"]["seats_left"] == 4
    assert len({m["id"] for m in messages}) == 3


def test_failed_bookings_write_nothing(app, book, make_session, seats, outbox):
    full = make_session(capacity=1, seats_taken=1)
    cancelled = make_session(session_status="cancelled")
    started = make_session(starts_in=-timedelta(hours=1))
    for session_id in (full.id, cancelled.id, started.id, 999_999):
        assert book(session_id).status_code in (404, 409)
    assert outbox() == []
    assert seats(full.id) == (1, 1)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Booking.id))) == 0


# -- the database's own guards ----------------------------------------------------------------------


def test_check_constraint_refuses_overselling(app, session):
    with app.app_context():
        with pytest.raises(IntegrityError), unit_of_work():
            db.session.execute(
                sa.text("UPDATE sessions SET seats_taken = capacity + 1 WHERE id = :id"), {"id": session.id}
            )
        with pytest.raises(IntegrityError), unit_of_work():
            db.session.execute(sa.text("UPDATE sessions SET seats_taken = -1 WHERE id = :id"), {"id": session.id})
        with unit_of_work():
            db.session.execute(sa.text("UPDATE sessions SET seats_taken = capacity WHERE id = :id"), {"id": session.id})


def test_partial_unique_index_allows_one_active_booking_per_user(app, book, session, user):
    booked(book(session.id))
    with app.app_context():
        with unit_of_work():  # cancelled duplicates are fine
            db.session.add(Booking(session_id=session.id, user_id=user.id, status="cancelled"))
        with pytest.raises(IntegrityError), unit_of_work():
            db.session.add(Booking(session_id=session.id, user_id=user.id, status="active"))
