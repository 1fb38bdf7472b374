"""The outside tester's reproductions against the CRM (issue 13): each a 4xx in our error shape, nothing stored."""

import datetime as dt

import pytest
from crm_payloads import AUTH, assert_error
from crm_tokens import FACILITATOR_ID, bearer, mint

pytestmark = pytest.mark.both_databases


def test_deep_json_to_notify_with_the_right_token_is_400_and_nothing_stored(any_app):
    client = any_app.test_client()
    deep = ("[" * 10_000 + "]" * 10_000).encode()
    response = client.post("/notify", data=deep, content_type="application/json", headers=AUTH)
    assert "Nested deeper" in assert_error(response, 400, "invalid_json")["details"]["body"][0]
    assert client.get("/notifications", headers=AUTH).get_json()["total"] == 0


def test_a_lone_surrogate_in_a_notification_is_400_and_nothing_stored(any_app):
    client = any_app.test_client()
    raw = b'{"type": "t", "user_id": 1, "message": "\\ud800"}'
    response = client.post("/notify", data=raw, content_type="application/json", headers=AUTH)
    assert_error(response, 400, "validation_error", ("message",))
    assert client.get("/notifications", headers=AUTH).get_json()["total"] == 0


def test_a_since_before_year_1_in_utc_is_400(client):
    response = client.get("/notifications?since=0001-01-01T00:00:00%2B01:00", headers=AUTH)
    assert "Out of range" in str(assert_error(response, 400, "validation_error")["details"])


@pytest.mark.parametrize(
    "token",
    [
        lambda: mint(10**30, "facilitator"),
        lambda: mint(FACILITATOR_ID, "facilitator", expires_in=False),
    ],
    ids=["sub 10**30", "no exp"],
)
def test_a_correctly_signed_facilitator_token_with_unusable_claims_is_401(client, token):
    response = client.get(f"/api/facilitator/{FACILITATOR_ID}/bookings", headers=bearer(token()))
    assert assert_error(response, 401, "invalid_token")["message"] == "The token's claims were rejected."


def test_the_control_token_is_accepted(client):
    token = mint(FACILITATOR_ID, "facilitator", expires_in=dt.timedelta(minutes=5))
    assert client.get(f"/api/facilitator/{FACILITATOR_ID}/bookings", headers=bearer(token)).status_code == 200
