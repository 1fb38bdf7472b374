"""What the main API takes is what it documents (issue 47): integers within their columns, no unknown body fields."""

from datetime import timedelta

import pytest
from openapi_walk import integer_slots

from main_app.extensions import db
from main_app.models import EventSession, User, utcnow
from service_kit.errors import UNKNOWN_FIELD

INT_MIN, INT_MAX = -(2**31), 2**31 - 1
NEXT_MONTH = utcnow().replace(microsecond=0) + timedelta(days=30)  # inside the window of session dates


def _session(**extra) -> dict:
    ends = NEXT_MONTH + timedelta(hours=1)
    return {"starts_at": NEXT_MONTH.isoformat(), "ends_at": ends.isoformat(), "capacity": 3, **extra}


@pytest.mark.parametrize("value", [2**31, 2**63, 2**64], ids=["2**31", "2**63", "2**64"])
def test_a_notification_id_past_the_column_is_a_400_naming_it(user_client, assert_error, value):
    response = user_client.post("/me/notifications/read", json={"ids": [value]})
    error = assert_error(response, 400, "validation_error", "ids")
    assert "2147483647" in str(error["details"]["ids"])


@pytest.mark.parametrize("value", [0, -1])
def test_a_notification_id_below_one_is_a_400(user_client, assert_error, value):
    assert_error(user_client.post("/me/notifications/read", json={"ids": [value]}), 400, "validation_error", "ids")


def test_every_integer_a_request_carries_is_documented_within_an_integer_column(client):
    slots = integer_slots(client.get("/openapi.json").get_json())
    unbounded = [
        f"{s.method.upper()} {s.path} {s.where} {'.'.join(map(str, s.name))}: {s.minimum}..{s.maximum}"
        for s in slots
        if s.minimum is None or s.maximum is None or s.minimum < INT_MIN or s.maximum > INT_MAX
    ]
    assert not unbounded, "\n".join(unbounded)
    assert len(slots) > 150  # the walk reached bodies, queries and paths
    ids = [s for s in slots if s.where == "path" and s.name[0].endswith("_id")]
    assert ids and all((s.minimum, s.maximum) == (1, INT_MAX) for s in ids)


def test_a_misspelt_field_at_sign_up_is_a_400_naming_it_and_no_account_is_made(app, client, assert_error):
    body = {"name": "Sam", "email": "sam@example.com", "password": "long-enough-1", "sms_opt_in": True}
    error = assert_error(client.post("/auth/register", json=body), 400, "validation_error", "sms_opt_in")
    assert error["details"] == {"sms_opt_in": [UNKNOWN_FIELD]}
    with app.app_context():
        assert db.session.query(User).filter_by(email="sam@example.com").count() == 0


def test_an_unknown_field_on_a_new_session_is_a_400_and_nothing_is_stored(app, priya, priya_client, assert_error):
    event = {"title": "Flow", "kind": "session", "timezone": "Asia/Kolkata", "sessions": [_session()]}
    created = priya_client.post(f"/api/facilitator/{priya.id}/events", json=event)
    assert created.status_code == 201, created.get_json()
    path = f"/api/facilitator/{priya.id}/events/{created.get_json()['id']}/sessions"

    response = priya_client.post(path, json=_session(stream_key="https://example.com/live"))

    assert_error(response, 400, "validation_error", "stream_key")
    with app.app_context():
        assert db.session.query(EventSession).count() == 1


def test_an_unknown_field_deep_in_a_body_is_named_by_its_path(priya, priya_client, assert_error):
    event = {"title": "Flow", "kind": "session", "timezone": "Asia/Kolkata", "sessions": [_session(stream_key="x")]}
    response = priya_client.post(f"/api/facilitator/{priya.id}/events", json=event)
    error = assert_error(response, 400, "validation_error", "sessions")
    assert error["details"]["sessions"] == {"0": {"stream_key": [UNKNOWN_FIELD]}}
    assert "Unknown fields: sessions.0.stream_key." in error["message"]
    assert priya_client.get(f"/api/facilitator/{priya.id}/events").get_json()["total"] == 0


def test_an_edit_with_an_unknown_field_changes_nothing(user_client, assert_error):
    before = user_client.get("/auth/me").get_json()
    response = user_client.patch("/auth/me", json={"name": "New Name", "nickname": "N"})
    assert_error(response, 400, "validation_error", "nickname")
    assert user_client.get("/auth/me").get_json() == before


def test_a_query_string_may_carry_parameters_the_route_does_not_read(client):
    assert client.get("/events?utm_source=newsletter&_=1700000000").status_code == 200
