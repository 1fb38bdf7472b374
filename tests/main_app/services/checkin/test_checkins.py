"""Check-in on the day: the roster with codes and the session's key, check-ins by code or booking recorded once per
seat (a device's queue sent twice, two devices at once), refusals with their reason, the window, and undo."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from racing import race

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Checkin, EventSession, utcnow
from main_app.services.common import checkin_codes as codes

pytestmark = pytest.mark.both_databases


@pytest.fixture
def today(make_session, facilitator):
    """A session starting in 30 minutes (check-in is open), 10 seats."""
    return make_session(capacity=10, starts_in=timedelta(minutes=30), facilitator_id=facilitator.id)


@pytest.fixture
def roster_of(facilitator, facilitator_client):
    def read(session_id: int) -> dict:
        answer = facilitator_client.get(f"/api/facilitator/{facilitator.id}/sessions/{session_id}/roster")
        assert answer.status_code == 200, answer.get_json()
        return answer.get_json()

    return read


@pytest.fixture
def send(facilitator, facilitator_client):
    def post(session_id: int, *items: dict, client=None):
        path = f"/api/facilitator/{facilitator.id}/sessions/{session_id}/checkins"
        return (client or facilitator_client).post(path, json={"checkins": list(items)})

    return post


def book(client, session_id: int, **extra) -> dict:
    answer = client.post("/bookings/book", json={"session_id": session_id, **extra})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def test_the_roster_lists_every_seat_with_its_code_and_the_key(today, people, roster_of, app):
    (asha, asha_client), (_ravi, ravi_client) = people(2)
    group = book(asha_client, today.id, seats=2, guests=[{"name": "Meera"}])
    single = book(ravi_client, today.id)
    roster = roster_of(today.id)
    assert roster["expected"] == 3 and roster["checked_in"] == 0
    by_seat = {(s["booking_id"], s["seat"]): s for s in roster["seats"]}
    assert set(by_seat) == {(group["id"], 1), (group["id"], 2), (single["id"], 1)}
    assert by_seat[(group["id"], 2)]["name"] == "Meera"
    assert by_seat[(group["id"], 2)]["booked_by"] == asha.name
    key = bytes.fromhex(roster["checkin_key"])
    with app.app_context():
        assert key == codes.session_key(app.config["SECRET_KEY"], today.id)
    for (booking_id, seat), entry in by_seat.items():
        assert entry["code"] == codes.seat_code(key, today.id, booking_id, seat)
        assert entry["qr"] == f"CHK1:{today.id}:{booking_id}:{seat}:{entry['code']}"
    assert roster["given_back"] == []


def test_the_roster_is_its_facilitators_only(today, user_client, make_user, client_for, facilitator, assert_error):
    path = f"/api/facilitator/{facilitator.id}/sessions/{today.id}"
    assert_error(user_client.get(f"{path}/roster"), 403, "forbidden")
    other = make_user(role="facilitator")
    assert_error(client_for(other).get(f"/api/facilitator/{other.id}/sessions/{today.id}/roster"), 403, "forbidden")


def test_check_in_by_qr_short_code_and_booking_each_once(today, people, roster_of, send, outbox):
    clients = [c for _a, c in people(3)]
    bookings = [book(c, today.id) for c in clients]
    seats = {s["booking_id"]: s for s in roster_of(today.id)["seats"]}
    items = [
        {"code": seats[bookings[0]["id"]]["qr"], "device_id": "door-1"},
        {"code": seats[bookings[1]["id"]]["code"].lower()},
        {"booking_id": bookings[2]["id"], "seat": 1},
    ]
    first = send(today.id, *items).get_json()
    assert [r["status"] for r in first["results"]] == ["checked_in"] * 3
    assert first["checked_in"] == 3
    again = send(today.id, *items).get_json()  # the device's queue sent twice
    assert [r["status"] for r in again["results"]] == ["already_checked_in"] * 3
    assert again["results"][0]["device_id"] == "door-1"
    assert again["checked_in"] == 3
    assert [m["type"] for m in outbox()].count("checked_in") == 3
    assert roster_of(today.id)["checked_in"] == 3


def test_refusals_say_why_and_write_nothing(today, people, roster_of, send, make_session, facilitator, outbox):
    (_a, asha_client), (_r, ravi_client) = people(2)
    kept = book(asha_client, today.id, seats=2, guests=[{"name": "Meera"}])
    gone = book(ravi_client, today.id)
    seats = {(s["booking_id"], s["seat"]): s for s in roster_of(today.id)["seats"]}
    assert ravi_client.post(f"/bookings/{gone['id']}/cancel", json={}).status_code == 200
    later = make_session(capacity=5, starts_in=timedelta(days=2), facilitator_id=facilitator.id)
    qr = seats[(kept["id"], 1)]["qr"]
    forged = qr[:-8] + ("00000000" if not qr.endswith("00000000") else "11111111")
    results = send(
        today.id,
        {"code": forged},
        {"code": "not a code"},
        {"code": "ZZZZZZZZ"},
        {"code": qr.replace(f"CHK1:{today.id}:", f"CHK1:{later.id}:")},
        {"code": seats[(gone["id"], 1)]["qr"]},
        {"booking_id": kept["id"], "seat": 3},
        {"booking_id": 999999},
    ).get_json()["results"]
    assert [r["reason"] for r in results] == [
        "code_not_recognised",
        "code_not_recognised",
        "code_not_recognised",
        "other_session",
        "booking_not_active",
        "no_such_seat",
        "other_session",
    ]
    assert roster_of(today.id)["given_back"] == [{"booking_id": gone["id"], "seat": 1}]
    # the same code at another session's door
    assert send(later.id, {"code": qr}).get_json()["results"][0]["reason"] == "other_session"
    assert "checked_in" not in [m["type"] for m in outbox()]


def test_check_in_opens_before_the_start_and_closes_at_the_end(make_session, facilitator, people, send, app):
    (_a, asha_client), (_r, ravi_client), (_m, meera_client) = people(3)
    early = make_session(starts_in=timedelta(hours=3), facilitator_id=facilitator.id)
    [result] = send(early.id, {"booking_id": book(asha_client, early.id)["id"]}).get_json()["results"]
    assert result["reason"] == "checkin_not_open"
    ended = make_session(starts_in=timedelta(minutes=10), facilitator_id=facilitator.id)
    seen, missed = (book(client, ended.id)["id"] for client in (asha_client, ravi_client))
    ahead = book(meera_client, ended.id)["id"]
    future = {"booking_id": ahead, "at": "9999-12-31T23:59:59+00:00"}  # a clock far ahead: now instead
    [result] = send(ended.id, future).get_json()["results"]
    assert result["status"] == "checked_in" and result["checked_in_at"] <= utcnow().isoformat()
    with app.app_context(), unit_of_work():  # time passes: the session is over
        session = db.session.get(EventSession, ended.id)
        session.starts_at, session.ends_at = utcnow() - timedelta(hours=2), utcnow() - timedelta(hours=1)
        during = session.starts_at + timedelta(minutes=5)
    # seen at the door while it ran, sent after it ended (a device back online): counts; seen now: too late
    [result] = send(ended.id, {"booking_id": seen, "at": during.isoformat()}).get_json()["results"]
    assert result["status"] == "checked_in"
    assert send(ended.id, {"booking_id": missed}).get_json()["results"][0]["reason"] == "checkin_closed"


def test_two_devices_checking_in_one_seat_at_once_record_it_once(
    today, user_client, send, facilitator, client_for, app
):
    booking = book(user_client, today.id)
    devices = [client_for(facilitator) for _ in range(6)]
    calls = [
        lambda d=d, i=i: send(today.id, {"booking_id": booking["id"], "device_id": f"door-{i}"}, client=d).get_json()
        for i, d in enumerate(devices)
    ]
    answers = race(calls)
    statuses = sorted(a["results"][0]["status"] for a in answers)
    assert statuses == ["already_checked_in"] * 5 + ["checked_in"]
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Checkin.id))) == 1


def test_undo_removes_a_mistaken_check_in(
    today, user_client, send, facilitator, facilitator_client, outbox, assert_error
):
    booking = book(user_client, today.id)
    send(today.id, {"booking_id": booking["id"]})
    path = f"/api/facilitator/{facilitator.id}/sessions/{today.id}/checkins/{booking['id']}"
    assert facilitator_client.delete(path).status_code == 204
    assert_error(facilitator_client.delete(path), 404, "checkin_not_found")
    assert "checkin_undone" in [m["type"] for m in outbox()]
    assert send(today.id, {"booking_id": booking["id"]}).get_json()["results"][0]["status"] == "checked_in"


def test_bad_batches_are_clear_400s(today, send, assert_error):
    assert_error(send(today.id), 400, "validation_error", "checkins")
    for item, field in [
        ({"code": "X", "booking_id": 1}, "code"),
        ({"booking_id": 1, "seat": 0}, "seat"),
        ({"booking_id": 1, "at": "yesterday"}, "at"),
    ]:
        details = assert_error(send(today.id, item), 400, "validation_error", "checkins")["details"]
        assert field in details["checkins"]["0"]
