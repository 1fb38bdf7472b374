"""A session moved or handed to another instructor (session_updated): its bookings in the client book follow, an
older message arriving later changes nothing, visit times are recounted, and the new instructor sees its people,
in the same few statements however many are booked; on SQLite and PostgreSQL."""

import datetime as dt

import pytest
from client_book_payloads import SLUG, booking, staff_token, typed
from crm_payloads import AUTH
from probes import count_statements

from crm_microservice.extensions import db

pytestmark = pytest.mark.both_databases

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
DAY = dt.timedelta(days=1)
KIRAN = {"id": 457, "name": "Kiran Shah", "email": "kiran@example.com"}


def _into_session_10(payload: dict) -> dict:
    payload["session_id"] = payload["data"]["session"]["id"] = 10
    return payload


def _moved(at: dt.datetime, starts_at: dt.datetime, instructor: int) -> dict:
    session = {"id": 10, "starts_at": starts_at.isoformat(), "ends_at": (starts_at + dt.timedelta(hours=1)).isoformat()}
    return typed("session_updated", at, user_id=101, session_id=10, session=session | {"instructor_id": instructor})


def _post(client, *payloads) -> None:
    for payload in payloads:
        assert client.post("/notify", json=payload, headers=AUTH).status_code == 201


def _names(client, role: str, user_id: int) -> list[str]:
    answer = client.get(f"/api/studios/{SLUG}/clients", headers=staff_token(role, user_id))
    return sorted(item["name"] for item in answer.json["items"])


def _asha(client) -> dict:
    owner = staff_token("owner")
    listed = client.get(f"/api/studios/{SLUG}/clients", query_string={"q": "Asha Rao"}, headers=owner).json["items"]
    return client.get(f"/api/studios/{SLUG}/clients/{listed[0]['id']}", headers=owner).json


def test_a_moved_session_takes_its_bookings_and_its_people_to_the_new_instructor(app):
    client = app.test_client()
    start = NOW + 2 * DAY
    _post(
        client,
        _into_session_10(booking("booking_created", 1, start, NOW - 3 * DAY, instructor=201)),
        _into_session_10(booking("booking_created", 2, start, NOW - 3 * DAY, instructor=201, user=KIRAN)),
    )
    assert _names(client, "instructor", 201) == ["Asha Rao", "Kiran Shah"] and _asha(client)["bookings_ahead"] == 1

    _post(client, _moved(NOW - DAY, NOW - DAY, 202))  # brought forward to yesterday, and handed to 202

    assert _names(client, "instructor", 202) == ["Asha Rao", "Kiran Shah"] and _names(client, "instructor", 201) == []
    assert _asha(client)["bookings_ahead"] == 0
    # Older news arriving late changes nothing: a move told before, Kiran's cancellation with the old time.
    _post(client, _moved(NOW - 2 * DAY, NOW + 5 * DAY, 203))
    stale = booking("booking_cancelled", 2, start, NOW - 2 * DAY, instructor=201, user=KIRAN)
    _post(client, _into_session_10(stale))
    assert _names(client, "instructor", 202) == ["Asha Rao", "Kiran Shah"] and _names(client, "instructor", 203) == []
    assert _asha(client)["bookings_ahead"] == 0

    # A visit's time moves with its session: the figures are recounted.
    _post(client, typed("checked_in", NOW - DAY, booking_id=1, seat=1) | {"session_id": 10})
    assert _asha(client)["first_visit_at"].startswith((NOW - DAY).date().isoformat())
    _post(client, _moved(NOW, NOW - 4 * DAY, 202))
    assert _asha(client)["first_visit_at"].startswith((NOW - 4 * DAY).date().isoformat())


def test_a_moved_session_takes_the_same_statements_however_many_are_booked(app):
    client = app.test_client()
    with app.app_context():
        engine = db.engine
    _post(client, _into_session_10(booking("booking_created", 1, NOW + DAY, NOW - DAY)))
    few = count_statements(engine, lambda: _post(client, _moved(NOW - DAY / 2, NOW + 2 * DAY, 202)))[1]
    for n in range(2, 22):
        person = {"id": 900 + n, "name": f"Person {n}", "email": f"p{n}@example.com"}
        _post(client, _into_session_10(booking("booking_created", n, NOW + DAY, NOW - DAY, user=person)))
    many = count_statements(engine, lambda: _post(client, _moved(NOW, NOW + 3 * DAY, 203)))[1]
    assert few == many <= 4 + (engine.dialect.name == "postgresql"), (few, many)
