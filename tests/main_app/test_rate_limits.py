"""Flask-Limiter on login and register: 429 in our error shape with Retry-After, per client address."""
import os
import uuid

import pytest
import redis

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def attempt_login(client, user, password="wrong-password", address="10.0.0.1"):
    return client.post("/auth/login", json={"email": user.email, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def test_password_guessing_is_stopped_with_429_and_retry_after(make_app, make_user, assert_error):
    app = make_app(RATELIMIT_LOGIN="5/minute")
    client = app.test_client()
    user = make_user()
    answers = [attempt_login(client, user) for _ in range(5)]
    assert [a.status_code for a in answers] == [401] * 5
    assert not any("Retry-After" in a.headers for a in answers)  # it belongs to the 429 only
    blocked = attempt_login(client, user, password=user.password)  # even the right password, once blocked
    assert_error(blocked, 429, "too_many_requests")
    assert "Retry-After" in blocked.get_json()["error"]["message"]
    assert 0 < int(blocked.headers["Retry-After"]) <= 60
    assert attempt_login(client, user, password=user.password, address="10.0.0.2").status_code == 200  # others go on


def test_malformed_attempts_count_too(make_app, make_user):
    app = make_app(RATELIMIT_LOGIN="3/minute")
    client = app.test_client()
    for _ in range(3):
        assert client.post("/auth/login", data="{not json", content_type="application/json").status_code == 400
    assert client.post("/auth/login", json={"login": "x", "password": "y"}).status_code == 429


def test_account_spam_is_limited(make_app, assert_error):
    client = make_app(RATELIMIT_REGISTER="2/hour").test_client()
    for n in range(2):
        body = {"name": f"Spam {n}", "email": f"spam{n}@example.com", "password": "long-enough-1"}
        assert client.post("/auth/register", json=body).status_code == 201
    response = client.post("/auth/register", json={"name": "Spam", "email": "spam9@example.com", "password": "long-enough-1"})
    assert_error(response, 429, "too_many_requests")
    assert int(response.headers["Retry-After"]) > 60  # an hour's window


def test_other_routes_are_not_limited(make_app, make_user):
    app = make_app(RATELIMIT_LOGIN="1/minute")
    client = app.test_client()
    assert all(client.get("/events").status_code == 200 for _ in range(30))


def test_limits_can_be_switched_off(make_app, make_user):
    app = make_app(RATELIMIT_LOGIN="1/minute", RATELIMIT_ENABLED=False)
    client = app.test_client()
    user = make_user()
    assert [attempt_login(client, user).status_code for _ in range(5)] == [401] * 5


def test_redis_storage_shares_counts_between_workers(make_app, make_user):
    """Two app instances (as two gunicorn workers) on one Redis: the limit holds across both."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            raise
        pytest.skip(f"no Redis at {REDIS_URL}")
    address = f"10.{uuid.uuid4().int % 250}.0.{uuid.uuid4().int % 250}"  # a key no earlier run used
    settings = {"RATELIMIT_LOGIN": "3/minute", "RATELIMIT_STORAGE_URI": REDIS_URL}
    first = make_app(**settings)
    user = make_user()
    assert [attempt_login(first.test_client(), user, address=address).status_code for _ in range(2)] == [401, 401]
    second = make_app(migrate=False, **settings)
    client = second.test_client()
    assert attempt_login(client, user, address=address).status_code == 401
    assert attempt_login(client, user, address=address).status_code == 429
