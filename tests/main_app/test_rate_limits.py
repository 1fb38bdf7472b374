"""Flask-Limiter on login and register: 429 in our error shape with Retry-After, per client address."""

import os
import re
import uuid

import pytest
import redis
from live_stack import free_port_number

from main_app.extensions import limiter

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def attempt_login(client, user, password="wrong-password", address="10.0.0.1"):
    return client.post(
        "/auth/login", json={"email": user.email, "password": password}, environ_base={"REMOTE_ADDR": address}
    )


def seconds_in(message: str) -> int:
    """The N of "... try again in N seconds." """
    return int(re.search(r"try again in (\d+) seconds?\.", message).group(1))


def assert_wait(response, assert_error, within: int) -> int:
    """A 429 in our shape whose message says the same seconds as Retry-After, at most within."""
    error = assert_error(response, 429, "too_many_requests")
    header = int(response.headers["Retry-After"])
    assert 0 < header <= within
    assert seconds_in(error["message"]) in (header, header + 1)  # computed a moment apart
    return header


def test_password_guessing_is_stopped_with_429_saying_how_many_seconds(make_app, make_user, assert_error):
    app = make_app(RATELIMIT_LOGIN="5/minute")
    client = app.test_client()
    user = make_user()
    answers = [attempt_login(client, user) for _ in range(5)]
    assert [a.status_code for a in answers] == [401] * 5
    assert not any("Retry-After" in a.headers for a in answers)  # it belongs to the 429 only
    blocked = attempt_login(client, user, password=user.password)  # even the right password, once blocked
    assert_wait(blocked, assert_error, within=60)
    assert "for this account from your address" in blocked.get_json()["error"]["message"]
    assert attempt_login(client, user, password=user.password, address="10.0.0.2").status_code == 200  # others go on


def test_one_persons_wrong_passwords_lock_out_no_one_else_behind_the_same_address(make_app, make_user):
    client = make_app(RATELIMIT_LOGIN="3/minute").test_client()
    mistyper, colleague = make_user(), make_user()
    assert [attempt_login(client, mistyper).status_code for _ in range(4)] == [401, 401, 401, 429]
    assert attempt_login(client, colleague, password=colleague.password).status_code == 200
    assert attempt_login(client, colleague).status_code == 401  # and their own count starts at zero


def test_successful_logins_do_not_count(make_app, make_user):
    client = make_app(RATELIMIT_LOGIN="2/minute", RATELIMIT_LOGIN_ADDRESS="2/minute").test_client()
    user = make_user()
    assert [attempt_login(client, user, password=user.password).status_code for _ in range(6)] == [200] * 6


def test_guessing_many_accounts_from_one_address_is_slowed(make_app, make_user, assert_error):
    client = make_app(RATELIMIT_LOGIN="5/minute", RATELIMIT_LOGIN_ADDRESS="4/minute").test_client()
    users = [make_user() for _ in range(5)]
    assert [attempt_login(client, user).status_code for user in users[:4]] == [401] * 4  # one try each
    blocked = attempt_login(client, users[4], password=users[4].password)
    assert_wait(blocked, assert_error, within=60)
    assert "from your address" in blocked.get_json()["error"]["message"]
    assert attempt_login(client, users[4], password=users[4].password, address="10.0.0.7").status_code == 200


def test_guessing_one_account_from_many_addresses_is_slowed(make_app, make_user, assert_error):
    client = make_app(RATELIMIT_LOGIN="5/minute", RATELIMIT_LOGIN_ACCOUNT="4/hour").test_client()
    target, bystander = make_user(), make_user()
    addresses = [f"198.51.100.{n}" for n in range(1, 6)]
    assert [attempt_login(client, target, address=a).status_code for a in addresses[:4]] == [401] * 4
    blocked = attempt_login(client, target, password=target.password, address=addresses[4])
    assert assert_wait(blocked, assert_error, within=3600) > 60  # the hour's window
    assert "for this account" in blocked.get_json()["error"]["message"]
    assert attempt_login(client, bystander, password=bystander.password, address=addresses[4]).status_code == 200


def wrong_login(client, field: str, identifier: str, address: str = "10.0.0.1") -> int:
    """The status of a wrong-password login naming the account by field."""
    body = {field: identifier, "password": "wrong-password"}
    return client.post("/auth/login", json=body, environ_base={"REMOTE_ADDR": address}).status_code


def test_an_accounts_username_and_email_share_one_budget_from_an_address(make_app, make_user):
    client = make_app(RATELIMIT_LOGIN="4/minute").test_client()
    user = make_user(username="asha.k")
    names = [("username", "asha.k"), ("email", user.email.upper()), ("login", "ASHA.K"), ("login", user.email)]
    assert [wrong_login(client, field, name) for field, name in names] == [401] * 4
    assert wrong_login(client, "username", "asha.k") == 429
    assert wrong_login(client, "email", user.email) == 429


def test_an_accounts_username_and_email_share_one_budget_from_any_address(make_app, make_user):
    client = make_app(RATELIMIT_LOGIN_ACCOUNT="4/hour").test_client()
    user = make_user(username="ravi_m")
    names = [("username", "ravi_m"), ("email", user.email)] * 2
    assert [wrong_login(client, *name, address=f"198.51.100.{n}") for n, name in enumerate(names)] == [401] * 4
    assert wrong_login(client, "email", f"  {user.email.title()} ", address="198.51.100.9") == 429


def test_an_unknown_identifier_counts_by_itself_in_any_case(make_app, make_user):
    client = make_app(RATELIMIT_LOGIN="2/minute").test_client()
    bystander = make_user(username="nobody")  # a username that is not the unknown email's
    assert [wrong_login(client, "email", name) for name in ("nobody@example.com", "NoBody@Example.com")] == [401] * 2
    assert wrong_login(client, "login", "nobody@example.com") == 429
    assert wrong_login(client, "username", bystander.username) == 401


def test_malformed_attempts_count_against_the_address(make_app, make_user):
    app = make_app(RATELIMIT_LOGIN_ADDRESS="3/minute")
    client = app.test_client()
    for _ in range(3):
        assert client.post("/auth/login", data="{not json", content_type="application/json").status_code == 400
    assert client.post("/auth/login", json={"login": "x", "password": "y"}).status_code == 429


def test_the_counters_hold_no_email_address(make_app, make_user, redis_url):
    prefix = f"pii-{uuid.uuid4().hex}"
    app = make_app(RATELIMIT_STORAGE_URI=redis_url, RATELIMIT_KEY_PREFIX=prefix)
    user = make_user()
    assert attempt_login(app.test_client(), user).status_code == 401
    keys = redis.Redis.from_url(redis_url).keys(f"*{prefix}*")
    assert len(keys) == 5  # a key per window: 10/minute;50/hour per address and account, 100/hour, 30/minute;300/hour
    assert not any(user.email.encode() in key or b"@" in key for key in keys)


def test_account_spam_is_limited(make_app, assert_error):
    client = make_app(RATELIMIT_REGISTER="2/hour").test_client()
    for n in range(2):
        body = {"name": f"Spam {n}", "email": f"spam{n}@example.com", "password": "long-enough-1"}
        assert client.post("/auth/register", json=body).status_code == 201
    response = client.post(
        "/auth/register", json={"name": "Spam", "email": "spam9@example.com", "password": "long-enough-1"}
    )
    assert_error(response, 429, "too_many_requests")
    assert int(response.headers["Retry-After"]) > 60  # an hour's window


def test_reset_links_are_limited_per_address_and_per_inbox_alike_for_unknown_emails(make_app, make_user, assert_error):
    app = make_app(RATELIMIT_PASSWORD_RESET="3/minute", RATELIMIT_PASSWORD_RESET_ACCOUNT="2/hour")
    make_user(email="asha@example.com")
    client = app.test_client()

    def ask(email: str, address: str):
        return client.post("/auth/password-reset", json={"email": email}, environ_base={"REMOTE_ADDR": address})

    for email in ("asha@example.com", "nobody@example.com"):  # an unknown email is limited the same way
        assert [ask(email, f"10.0.0.{n}").status_code for n in range(2)] == [202, 202]
        error = assert_error(ask(email, "10.0.0.9"), 429, "too_many_requests")  # a third address, same inbox
        assert "this email address" in error["message"]
    for n in range(3):
        assert ask(f"other{n}@example.com", "10.0.1.1").status_code == 202
    assert "your address" in assert_error(ask("other9@example.com", "10.0.1.1"), 429, "too_many_requests")["message"]


def test_other_routes_are_not_limited(make_app, make_user):
    app = make_app(RATELIMIT_LOGIN="1/minute")
    client = app.test_client()
    assert all(client.get("/events").status_code == 200 for _ in range(30))


def test_limits_can_be_switched_off(make_app, make_user):
    app = make_app(RATELIMIT_LOGIN="1/minute", RATELIMIT_ENABLED=False)
    client = app.test_client()
    user = make_user()
    assert [attempt_login(client, user).status_code for _ in range(5)] == [401] * 5


@pytest.fixture
def redis_url():
    """The test Redis; skipped without one, except in CI."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            raise
        pytest.skip(f"no Redis at {REDIS_URL}")
    return REDIS_URL


def test_redis_storage_shares_counts_between_workers(make_app, make_user, redis_url):
    """Two app instances (as two gunicorn workers) on one Redis: the limit holds across both."""
    address = f"10.{uuid.uuid4().int % 250}.0.{uuid.uuid4().int % 250}"  # a key no earlier run used
    settings = {"RATELIMIT_LOGIN": "3/minute", "RATELIMIT_STORAGE_URI": redis_url}
    first = make_app(**settings)
    user = make_user()
    assert [attempt_login(first.test_client(), user, address=address).status_code for _ in range(2)] == [401, 401]
    second = make_app(migrate=False, **settings)
    client = second.test_client()
    assert attempt_login(client, user, address=address).status_code == 401
    assert attempt_login(client, user, address=address).status_code == 429


def test_key_prefix_keeps_deployments_sharing_a_redis_apart(make_app, make_user, redis_url):
    blue, green = f"blue-{uuid.uuid4().hex}", f"green-{uuid.uuid4().hex}"
    settings = {"RATELIMIT_LOGIN": "2/minute", "RATELIMIT_STORAGE_URI": redis_url}
    user = None
    for prefix, expected in ((blue, [401, 401, 429]), (green, [401, 401, 429]), (blue, [429])):
        app = make_app(migrate=user is None, RATELIMIT_KEY_PREFIX=prefix, **settings)
        user = user or make_user()
        assert [attempt_login(app.test_client(), user).status_code for _ in expected] == expected, prefix
    keys = redis.Redis.from_url(redis_url).keys(f"*{blue}*")
    assert keys and all(b"10.0.0.1" in key or b"account:" in key for key in keys)


def forwarded_login(client, user, forwarded: str):
    """A wrong-password login arriving from a proxy at 10.9.9.9 that names the client in X-Forwarded-For."""
    return client.post(
        "/auth/login",
        json={"email": user.email, "password": "wrong-password"},
        headers={"X-Forwarded-For": forwarded},
        environ_base={"REMOTE_ADDR": "10.9.9.9"},
    )


def test_behind_a_trusted_proxy_each_client_has_its_own_count(make_app, make_user):
    client = make_app(RATELIMIT_LOGIN="2/minute", TRUSTED_PROXIES=1).test_client()
    user = make_user()
    assert [forwarded_login(client, user, "203.0.113.1").status_code for _ in range(3)] == [401, 401, 429]
    # The proxy appends the address it saw; what the client wrote before it is not believed.
    assert forwarded_login(client, user, "198.51.100.9, 203.0.113.1").status_code == 429
    assert forwarded_login(client, user, "203.0.113.2").status_code == 401


def test_without_trusted_proxies_x_forwarded_for_cannot_reset_the_count(make_app, make_user):
    client = make_app(RATELIMIT_LOGIN="2/minute").test_client()
    user = make_user()
    assert [forwarded_login(client, user, f"203.0.113.{n}").status_code for n in range(3)] == [401, 401, 429]


def test_an_unreachable_redis_falls_back_to_counting_per_process(make_app, make_user, monkeypatch):
    """Redis down is no reason to refuse every login with 500: the limit still holds, per process."""
    # The limiter is the process's one: its note that the storage is dead would outlive this test (and send the
    # next tests' counts to memory for seconds). monkeypatch puts the note back as it was when the test ends.
    monkeypatch.setattr(limiter, "_storage_dead", False)
    client = make_app(
        RATELIMIT_LOGIN="2/minute", RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{free_port_number()}/0"
    ).test_client()
    user = make_user()
    assert [attempt_login(client, user).status_code for _ in range(3)] == [401, 401, 429]


def test_the_widgets_public_routes_are_limited_per_embedding_site(make_app, assert_error):
    client = make_app(RATELIMIT_EMBED_SITE="2/minute").test_client()
    lotus = {"Referer": "http://web.example/embed/lotus/timetable"}
    routes = ["/events/999999", "/passes?event_id=999999", "/api/public/studios/lotus"]
    assert [client.get(route, headers=lotus).status_code for route in routes] == [404, 200, 429]
    assert_wait(client.get("/timetable?from=2026-01-05&to=2026-01-11&studio=lotus"), assert_error, within=60)
    # Another studio's widget, and the catalogue, are counted apart.
    other = {"Referer": "http://web.example/embed/other/events/1"}
    assert [client.get(route, headers=other).status_code for route in routes[:2]] == [404, 200]
    assert client.get("/events").status_code == 200
