"""Waiting lists through the API: joining and leaving a full session's line, positions, and promotion: a freed seat
goes to the head of the line in the same request that freed it, with the CRM and the person told."""

import csv
import io
from datetime import timedelta

import pytest
import sqlalchemy as sa

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import EventSession, OutboxMessage, utcnow
from main_app.services.seats.waitlist import ENDED_AT_START
from main_app.services.texts.compose import compose

HOUR, DAY = timedelta(hours=1), timedelta(days=1)


@pytest.fixture
def full_session(make_session, priya, people):
    """A session of 2 seats, both booked: (session, [(account, client, booking id)] of the two)."""
    session = make_session(capacity=2, starts_in=3 * DAY, facilitator_id=priya.id)
    booked = []
    for account, client in people(2):
        response = client.post("/book", json={"session_id": session.id})
        assert response.status_code == 201
        booked.append((account, client, response.get_json()["id"]))
    return session, booked


def join(client, session_id: int):
    return client.post(f"/sessions/{session_id}/waitlist")


def active_users(app, session_id: int) -> list[int]:
    with app.app_context():
        return list(
            db.session.scalars(
                sa.text("SELECT user_id FROM bookings WHERE session_id = :s AND status = 'active' ORDER BY id"),
                {"s": session_id},
            )
        )


def test_joining_a_full_session_gives_a_place_in_line_and_leaving_frees_it(full_session, people):
    session, _booked = full_session
    (_first, first_client), (_second, second_client) = people(2)
    assert join(first_client, session.id).get_json() == {
        "session_id": session.id,
        "status": "waiting",
        "position": 1,
        "booking_id": None,
    }
    assert join(second_client, session.id).status_code == 201
    [place] = second_client.get("/bookings").get_json()["waiting"]
    assert (place["session_id"], place["status"], place["position"]) == (session.id, "waiting", 2)
    assert place["event"]["timezone"] and place["session"]["seats_left"] == 0
    assert first_client.delete(f"/sessions/{session.id}/waitlist").status_code == 204
    assert second_client.get("/bookings").get_json()["waiting"][0]["position"] == 1
    again = first_client.delete(f"/sessions/{session.id}/waitlist")
    assert again.status_code == 404 and again.get_json()["error"]["code"] == "not_waiting"


def test_joining_tells_the_person_their_number_by_email_and_by_text_when_on(
    app, full_session, people, email_outbox, verify_phone
):
    session, _booked = full_session
    (first, first_client), (second, second_client) = people(2)
    phone = {"phone": "+919812345678", "sms_enabled": True}
    verify_phone(second_client, phone["phone"])  # texts go only to a proved number
    for client in (first_client, second_client):
        assert join(client, session.id).status_code == 201
    told = [m for m in email_outbox() if m["type"] == "waitlist_joined"]
    assert [(m["payload"]["snapshot"]["to"]["email"], m["payload"]["snapshot"]["position"]) for m in told] == [
        (first.email, 1),
        (second.email, 2),
    ]
    with app.app_context():
        [text] = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.channel == "sms")).all()
        assert (text.type, text.payload["snapshot"]["to"]["phone"]) == ("waitlist_joined", phone["phone"])
        body = compose("waitlist_joined", text.payload["snapshot"], "https://r.example")
    assert body.startswith("Dr. Priya Sharma: Waiting list: you are number 2 for ") and len(body) <= 160


def test_what_cannot_be_joined(full_session, make_session, people, facilitator_client, assert_error):
    session, booked = full_session
    [(_, client)] = people(1)
    assert_error(join(client, make_session(capacity=3).id), 409, "seats_available")
    assert_error(join(booked[0][1], session.id), 409, "already_booked")
    assert join(client, session.id).status_code == 201
    assert_error(join(client, session.id), 409, "already_waiting")
    assert_error(join(client, 999_999), 404, "session_not_found")
    assert_error(join(client, make_session(starts_in=-HOUR).id), 409, "session_started")
    assert join(facilitator_client, session.id).status_code == 403


def test_a_cancellation_hands_the_seat_to_the_head_of_the_line_in_the_same_request(
    app, full_session, people, outbox, email_outbox
):
    session, booked = full_session
    (head, head_client), (_next_one, next_client) = people(2)
    join(head_client, session.id)
    join(next_client, session.id)
    response = booked[0][1].post(f"/bookings/{booked[0][2]}/cancel", json={})
    assert response.status_code == 200
    # Already done when the cancel answers: the head holds the seat, the next is first in line.
    assert active_users(app, session.id) == [booked[1][0].id, head.id]
    [mine] = head_client.get("/bookings").get_json()["items"]
    assert (mine["status"], mine["session_id"], len(mine["reminders_at"])) == ("active", session.id, 2)
    assert head_client.get("/bookings").get_json()["waiting"] == []
    assert next_client.get("/bookings").get_json()["waiting"][0]["position"] == 1
    created = [m for m in outbox() if m["type"] == "booking_created" and m["payload"]["user"]["id"] == head.id]
    assert [m["payload"]["data"]["from_waitlist"] for m in created] == [True]
    [promoted] = [m for m in outbox() if m["type"] == "waitlist_promoted"]
    assert (promoted["payload"]["user_id"], promoted["payload"]["session_id"]) == (head.id, session.id)
    # Made by the person promoted, whoever freed the seat: news in the facilitator's CRM inbox.
    actor = {"id": head.id, "role": "user"}
    assert [m["payload"]["data"]["actor"] for m in [*created, promoted]] == [actor, actor]
    [mail] = [m for m in email_outbox() if m["type"] == "waitlist_promoted"]
    assert mail["payload"]["snapshot"]["to"]["email"] == head.email


def test_a_promotion_is_one_crm_inbox_entry_its_booking_a_member_of_it(full_session, people, outbox):
    session, booked = full_session
    [(head, head_client)] = people(1)
    join(head_client, session.id)
    assert booked[0][1].post(f"/bookings/{booked[0][2]}/cancel", json={}).status_code == 200
    [promoted] = [m for m in outbox() if m["type"] == "waitlist_promoted"]
    [created] = [m for m in outbox() if m["type"] == "booking_created" and m["payload"]["user"]["id"] == head.id]
    # The CRM's inbox groups a message with the one its batch_id names: the promotion stands for its booking.
    assert created["payload"]["data"]["batch_id"] == promoted["payload"]["notification_id"] == promoted["id"]
    assert "batch_id" not in promoted["payload"]["data"]


def test_raising_the_capacity_promotes_in_order(app, full_session, people, priya_client, base, outbox):
    session, booked = full_session
    line = people(3)
    for _, client in line:
        join(client, session.id)
    response = priya_client.patch(f"{base}/sessions/{session.id}", json={"capacity": 4})
    assert response.status_code == 200 and response.get_json()["seats_left"] == 0
    assert active_users(app, session.id) == [booked[0][0].id, booked[1][0].id, line[0][0].id, line[1][0].id]
    assert line[2][1].get("/bookings").get_json()["waiting"][0]["position"] == 1
    # Priya raised the capacity, but each promotion is news to her: made by the person promoted, unread in the CRM.
    promoted = [m["payload"]["data"]["actor"] for m in outbox() if m["type"] == "waitlist_promoted"]
    assert promoted == [{"id": line[0][0].id, "role": "user"}, {"id": line[1][0].id, "role": "user"}]


@pytest.mark.parametrize("with_options", [False, True])
def test_moving_and_raising_the_capacity_at_once_promotes_and_tells_everyone(
    app, full_session, people, priya_client, base, with_options
):
    """Every lock in the one order: the session, its options, its bookings (told of the move), then the places the
    new seats go to (a change sent with its options and times, as the session form sends it, once went 500)."""
    session, booked = full_session
    (waiting,) = people(1)
    join(waiting[1], session.id)
    with app.app_context():
        moved = db.session.get(EventSession, session.id).starts_at + DAY
    body = {"capacity": 3, "starts_at": moved.isoformat(), "ends_at": (moved + HOUR).isoformat()}
    response = priya_client.put(f"{base}/sessions/{session.id}", json=body | ({"options": []} if with_options else {}))
    assert response.status_code == 200, response.get_json()
    assert active_users(app, session.id) == [booked[0][0].id, booked[1][0].id, waiting[0].id]


def test_a_cancelled_session_ends_its_line_and_tells_each_person(
    full_session, people, priya_client, base, email_outbox
):
    session, _booked = full_session
    line = people(2)
    for _, client in line:
        join(client, session.id)
    assert priya_client.post(f"{base}/sessions/{session.id}/cancel", json={"reason": "Flooded"}).status_code == 200
    ended = [m["payload"]["snapshot"] for m in email_outbox() if m["type"] == "waitlist_ended"]
    assert sorted(s["to"]["email"] for s in ended) == sorted(a.email for a, _ in line)
    assert {s["reason"] for s in ended} == {"Flooded"}
    assert all(client.get("/bookings").get_json()["waiting"] == [] for _, client in line)


def test_no_promotion_once_the_session_has_started(app, full_session, people):
    session, booked = full_session
    [(_head, head_client)] = people(1)
    join(head_client, session.id)
    with app.app_context(), unit_of_work():  # time passes: the session is under way
        event_session = db.session.get(EventSession, session.id)
        event_session.starts_at = utcnow() - HOUR
        event_session.ends_at = utcnow() + HOUR
    assert booked[0][1].post(f"/bookings/{booked[0][2]}/cancel", json={}).status_code == 200
    assert active_users(app, session.id) == [booked[1][0].id]
    assert head_client.get("/bookings").get_json()["items"] == []


def test_the_facilitator_sees_the_line_with_the_registrants_in_the_csv_and_as_counts(
    full_session, people, priya_client, base
):
    session, _booked = full_session
    line = people(2)
    for _, client in line:
        join(client, session.id)
    body = priya_client.get(f"{base}/sessions/{session.id}/registrants").get_json()
    assert [(w["position"], w["email"]) for w in body["waiting"]] == [(1, line[0][0].email), (2, line[1][0].email)]
    csv_text = priya_client.get(f"{base}/sessions/{session.id}/registrants.csv").get_data(as_text=True)
    waiting_rows = [row for row in csv.DictReader(io.StringIO(csv_text)) if row["status"] == "waiting"]
    assert [row["email"] for row in waiting_rows] == [line[0][0].email, line[1][0].email]
    [event] = priya_client.get(f"{base}/events").get_json()["items"]
    assert [s["waiting"] for s in event["sessions"]] == [2]


def notices(email_outbox) -> dict[str, dict]:
    """The start-of-session "no seat came free" emails queued, by recipient."""
    return {
        m["payload"]["snapshot"]["to"]["email"]: m
        for m in email_outbox()
        if m["type"] == "waitlist_ended" and m["payload"]["snapshot"]["reason"] == ENDED_AT_START
    }


def test_each_place_holds_a_notice_due_at_the_start_that_goes_with_the_place(
    app, full_session, people, priya_client, base, email_outbox
):
    session, booked = full_session
    line = people(3)
    for _, client in line:
        join(client, session.id)
    with app.app_context():
        starts_at = db.session.get(EventSession, session.id).starts_at
    queued = notices(email_outbox)
    assert sorted(queued) == sorted(a.email for a, _ in line)
    assert {m["next_attempt_at"] for m in queued.values()} == {starts_at}

    assert line[1][1].delete(f"/sessions/{session.id}/waitlist").status_code == 204  # leaves: no notice for them
    assert booked[0][1].post(f"/bookings/{booked[0][2]}/cancel", json={}).status_code == 200  # the head gets a seat
    assert list(notices(email_outbox)) == [line[2][0].email]

    later = starts_at + DAY  # the session moves: the notice goes at the new start and says the new time
    moved = {"starts_at": later.isoformat(), "ends_at": (later + HOUR).isoformat()}
    assert priya_client.patch(f"{base}/sessions/{session.id}", json=moved).status_code == 200
    [notice] = notices(email_outbox).values()
    assert notice["next_attempt_at"] == later
    assert notice["payload"]["snapshot"]["session"]["starts_at"] == later.isoformat()
    assert priya_client.patch(f"{base}/events/{session.event_id}", json={"title": "Renamed"}).status_code == 200
    [notice] = notices(email_outbox).values()
    assert notice["payload"]["snapshot"]["event"]["title"] == "Renamed"


def test_booking_a_seat_another_way_drops_the_place_and_its_notice(app, full_session, people, email_outbox):
    session, _booked = full_session
    [(person, client)] = people(1)
    join(client, session.id)
    with app.app_context(), unit_of_work():  # a seat frees without promotion (as if by another path)
        db.session.get(EventSession, session.id).capacity += 1
    assert client.post("/book", json={"session_id": session.id}).status_code == 201
    assert notices(email_outbox) == {} and client.get("/bookings").get_json()["waiting"] == []
    assert person.id in active_users(app, session.id)
