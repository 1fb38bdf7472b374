"""CRMNotificationService against a real HTTP server on 127.0.0.1 (the network edge; nothing mocked)."""

import re
import time
from datetime import UTC, datetime, timedelta

import pytest

from main_app import create_app
from main_app.services.crm.errors import (
    CRMAuthError,
    CRMConnectionError,
    CRMHTTPError,
    CRMResponseError,
    CRMTimeoutError,
)

TOKEN = "crm-test-secret"
CRM_ENV = ("CRM_BASE_URL", "CRM_AUTH_TOKEN", "CRM_TIMEOUT", "CRM_HEALTH_TIMEOUT", "CRM_QUICK_RETRIES")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    """Outside an app the client reads the environment; start every test from the documented defaults."""
    for name in CRM_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def crm(make_crm, fake_crm):
    """A client of the fake CRM with three quick tries."""
    return make_crm(fake_crm.url, TOKEN, quick_retries=3)


# -- the seed 001 API -------------------------------------------------------------------------------


def test_send_notification_posts_the_typed_payload_and_returns_the_answer(crm, fake_crm):
    result = crm.send_notification("user_registered", 123, "New user registered", {"email": "user@example.com"})
    [request] = fake_crm.requests
    assert (request.method, request.path) == ("POST", "/notify")
    assert request.headers["Content-Type"] == "application/json"
    body = request.json()
    assert set(body) == {"type", "user_id", "message", "data", "timestamp"}
    assert body["type"] == "user_registered"
    assert body["user_id"] == 123
    assert body["message"] == "New user registered"
    assert body["data"] == {"email": "user@example.com"}
    sent_at = datetime.fromisoformat(body["timestamp"])
    assert abs(sent_at - datetime.now(UTC)) < timedelta(seconds=10)
    assert result == {"status": "success", "notification_id": request.headers["Idempotency-Key"]}


def test_send_notification_without_additional_data(crm, fake_crm):
    crm.send_notification("test", 1, "Test message")
    assert fake_crm.notifications[0].json()["data"] == {}


def test_returns_whatever_json_the_crm_answers(crm, fake_crm):
    fake_crm.queue(201, body={"id": 7, "stored": True})
    assert crm.send_notification("test", 1, "hi") == {"id": 7, "stored": True}


def test_send_booking_notification(crm, fake_crm):
    crm.send_booking_notification(456, 123, 789, "created", {"session_name": "Yoga Class"})
    body = fake_crm.notifications[0].json()
    assert body["type"] == "booking_created"
    assert body["user_id"] == 123
    assert body["message"] == "Booking 456 created"
    assert body["data"] == {"booking_id": 456, "session_id": 789, "session_name": "Yoga Class"}


@pytest.mark.parametrize("action", ["cancelled", "reactivated"])
def test_send_booking_notification_actions(crm, fake_crm, action):
    crm.send_booking_notification(456, 123, 789, action)
    body = fake_crm.notifications[0].json()
    assert (body["type"], body["data"]) == (f"booking_{action}", {"booking_id": 456, "session_id": 789})


def test_send_event_notification(crm, fake_crm):
    crm.send_event_notification(101, 123, "created", {"event_name": "Summer Festival"})
    crm.send_event_notification(101, 123, "updated")
    first, second = (r.json() for r in fake_crm.notifications)
    assert (first["type"], first["message"], first["data"]) == (
        "event_created",
        "Event 101 created",
        {"event_id": 101, "event_name": "Summer Festival"},
    )
    assert (second["type"], second["data"]) == ("event_updated", {"event_id": 101})


def test_headers_bearer_idempotency_and_webhook(crm, fake_crm):
    crm.send_notification("test", 1, "one")
    crm.send_notification("test", 1, "two")
    first, second = fake_crm.notifications
    for request in (first, second):
        assert request.headers["Authorization"] == f"Bearer {TOKEN}"
        key = request.headers["Idempotency-Key"]
        assert re.fullmatch(r"[0-9a-f]{32}", key)
        assert request.headers["Webhook-Id"] == key
        assert abs(int(request.headers["Webhook-Timestamp"]) - time.time()) < 10
    assert first.headers["Idempotency-Key"] != second.headers["Idempotency-Key"]


def test_deliver_uses_the_given_id_and_payload(crm, fake_crm):
    payload = {"notification_id": "abc123", "type": "booking_created", "booking_id": 5}
    assert crm.deliver(payload, "abc123") == {"status": "success", "notification_id": "abc123"}
    [request] = fake_crm.notifications
    assert request.json() == payload
    assert request.headers["Idempotency-Key"] == request.headers["Webhook-Id"] == "abc123"


# -- settings ---------------------------------------------------------------------------------------


def test_defaults_outside_an_app(make_crm):
    client = make_crm()
    assert client.base_url == "http://localhost:5001"
    assert client.auth_token == "your-static-bearer-token-here"
    assert client.timeout == 10.0
    assert client.health_timeout == 5.0
    assert client.quick_retries == 3
    assert client.session.headers["Authorization"] == "Bearer your-static-bearer-token-here"


def test_environment_outside_an_app(make_crm, monkeypatch):
    monkeypatch.setenv("CRM_BASE_URL", "http://crm.internal:9000/")
    monkeypatch.setenv("CRM_AUTH_TOKEN", "from-env")
    monkeypatch.setenv("CRM_TIMEOUT", "3")
    client = make_crm()
    assert (client.base_url, client.auth_token, client.timeout) == ("http://crm.internal:9000", "from-env", 3.0)


def test_app_config_inside_an_app(make_crm, tmp_path):
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite'}",
            "TESTING": True,
            "CRM_BASE_URL": "http://crm.example:5001",
            "CRM_AUTH_TOKEN": "from-config",
            "CRM_TIMEOUT": 4.0,
            "CRM_HEALTH_TIMEOUT": 2.0,
            "CRM_QUICK_RETRIES": 5,
        }
    )
    with app.app_context():
        client = make_crm()
    assert (client.base_url, client.auth_token, client.timeout, client.health_timeout, client.quick_retries) == (
        "http://crm.example:5001",
        "from-config",
        4.0,
        2.0,
        5,
    )


def test_arguments_win_over_settings(make_crm, monkeypatch):
    monkeypatch.setenv("CRM_BASE_URL", "http://ignored:1")
    client = make_crm("http://given:2/", "given-token", timeout=1.5, health_timeout=0.5, quick_retries=2)
    assert (client.base_url, client.auth_token, client.timeout, client.health_timeout, client.quick_retries) == (
        "http://given:2",
        "given-token",
        1.5,
        0.5,
        2,
    )


# -- test_connection --------------------------------------------------------------------------------


def test_connection_true_when_health_answers_200(crm, fake_crm):
    assert crm.test_connection() is True
    [request] = fake_crm.requests
    assert (request.method, request.path) == ("GET", "/health")


def test_connection_false_when_health_is_not_200(crm, fake_crm):
    fake_crm.health_status = 503
    assert crm.test_connection() is False


def test_connection_false_when_the_crm_is_down(make_crm, dead_crm_url):
    assert make_crm(dead_crm_url, TOKEN, health_timeout=1).test_connection() is False


# -- failures and retries ---------------------------------------------------------------------------


def test_quick_retries_on_503_then_success(crm, fake_crm):
    fake_crm.answer(503, 503, 200)
    result = crm.send_notification("test", 1, "retry me")
    attempts = fake_crm.notifications
    assert len(attempts) == 3
    assert len({r.headers["Idempotency-Key"] for r in attempts}) == 1
    assert len({r.body for r in attempts}) == 1  # the very same payload each time
    assert result["notification_id"] == attempts[0].headers["Idempotency-Key"]


def test_gives_up_after_the_quick_retries(crm, fake_crm):
    fake_crm.answer(503, 502, 500, 200)
    with pytest.raises(CRMHTTPError) as caught:
        crm.send_notification("test", 1, "down")
    assert caught.value.status_code == 500
    assert caught.value.transient is True
    assert len(fake_crm.notifications) == 3


@pytest.mark.parametrize("status", [408, 429, 500, 503])
def test_transient_statuses_are_retried(make_crm, fake_crm, status):
    fake_crm.answer(status, 200)
    make_crm(fake_crm.url, TOKEN, quick_retries=2).send_notification("test", 1, "x")
    assert len(fake_crm.notifications) == 2


def test_429_retry_after_is_honoured(crm, fake_crm):
    fake_crm.queue(429, headers={"Retry-After": "1"})
    crm.send_notification("test", 1, "slow down")
    first, second = fake_crm.notifications
    assert second.at - first.at >= 0.95


@pytest.mark.parametrize("status", [400, 404, 409, 422])
def test_other_4xx_is_permanent_and_not_retried(crm, fake_crm, status):
    fake_crm.queue(status, body={"error": {"code": "bad", "message": "field x is wrong"}})
    with pytest.raises(CRMHTTPError) as caught:
        crm.send_notification("test", 1, "bad")
    error = caught.value
    assert type(error) is CRMHTTPError
    assert error.status_code == status
    assert error.transient is False
    assert "field x is wrong" in error.body
    assert str(status) in str(error)
    assert len(fake_crm.notifications) == 1


@pytest.mark.parametrize("status", [401, 403])
def test_auth_failure_is_a_configuration_error(crm, fake_crm, status):
    fake_crm.answer(status)
    with pytest.raises(CRMAuthError) as caught:
        crm.send_notification("test", 1, "who am I")
    assert caught.value.status_code == status
    assert caught.value.transient is False
    assert "CRM_AUTH_TOKEN" in str(caught.value)
    assert len(fake_crm.notifications) == 1


def test_connection_refused(make_crm, dead_crm_url):
    client = make_crm(dead_crm_url, TOKEN, quick_retries=2)
    with pytest.raises(CRMConnectionError) as caught:
        client.send_notification("test", 1, "anyone there?")
    assert caught.value.transient is True
    assert dead_crm_url in str(caught.value)


def test_slow_crm_times_out(make_crm, fake_crm):
    fake_crm.queue(200, delay=30)
    client = make_crm(fake_crm.url, TOKEN, timeout=0.2, quick_retries=1)
    with pytest.raises(CRMTimeoutError) as caught:
        client.send_notification("test", 1, "hurry")
    assert len(fake_crm.notifications) == 1  # one try, given up at its timeout: no answer came, no retry was made
    assert caught.value.transient is True
    assert "0.2s" in str(caught.value)


def test_redirect_is_not_followed(crm, fake_crm):
    fake_crm.queue(302, body="", headers={"Location": f"{fake_crm.url}/elsewhere"})
    with pytest.raises(CRMHTTPError) as caught:
        crm.send_notification("test", 1, "go away")
    assert caught.value.status_code == 302
    assert caught.value.transient is False
    assert [r.path for r in fake_crm.requests] == ["/notify"]


@pytest.mark.parametrize("body", ["OK", "<html>proxy login</html>", ""])
def test_2xx_without_json_is_a_response_error(make_crm, fake_crm, body):
    fake_crm.queue(200, body=body)
    with pytest.raises(CRMResponseError) as caught:
        make_crm(fake_crm.url, TOKEN, quick_retries=1).send_notification("test", 1, "hmm")
    assert caught.value.status_code == 200
    assert caught.value.body == body


def test_error_body_is_truncated(crm, fake_crm):
    fake_crm.queue(400, body="x" * 5000)
    with pytest.raises(CRMHTTPError) as caught:
        crm.send_notification("test", 1, "big")
    assert caught.value.body == "x" * 500


# -- argument checks --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("", 1, "m"),
        ("Bad Type", 1, "m"),
        ("1type", 1, "m"),
        (None, 1, "m"),
        (123, 1, "m"),
        ("a" * 65, 1, "m"),
        ("test", "1", "m"),
        ("test", True, "m"),
        ("test", 1.0, "m"),
        ("test", None, "m"),
        ("test", 1, None),
        ("test", 1, 42),
    ],
)
def test_invalid_arguments_raise_value_error_without_sending(crm, fake_crm, args):
    with pytest.raises(ValueError):
        crm.send_notification(*args)
    assert fake_crm.requests == []


def test_invalid_booking_action_raises_value_error(crm, fake_crm):
    with pytest.raises(ValueError):
        crm.send_booking_notification(1, 2, 3, "Not An Action")
    assert fake_crm.requests == []
