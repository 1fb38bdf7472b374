"""Flask-Limiter on POST /notify: 429 with Retry-After, before the token check so guessing counts too."""

from crm_payloads import AUTH, SEED_NESTED, assert_error, body
from live_stack import free_port_number


def test_notify_floods_get_429_with_retry_after(make_app, database_url):
    client = make_app(database_url, RATELIMIT_NOTIFY="3/minute").test_client()
    for n in range(3):
        response = client.post("/notify", json=body(SEED_NESTED, booking_id=n + 1), headers=AUTH)
        assert response.status_code == 201
    blocked = client.post("/notify", json=body(SEED_NESTED, booking_id=99), headers=AUTH)
    assert_error(blocked, 429, "too_many_requests")
    assert 0 < int(blocked.headers["Retry-After"]) <= 60
    assert client.get("/notifications", headers=AUTH).get_json()["total"] == 3  # nothing more was stored


def test_token_guessing_counts_against_the_limit(make_app, database_url):
    client = make_app(database_url, RATELIMIT_NOTIFY="2/minute").test_client()
    for guess in ("a", "b"):
        assert client.post("/notify", json=SEED_NESTED, headers={"Authorization": f"Bearer {guess}"}).status_code == 401
    assert client.post("/notify", json=SEED_NESTED, headers=AUTH).status_code == 429


def test_the_default_leaves_room_for_a_dispatcher(make_app, database_url):
    app = make_app(database_url)
    assert app.config["RATELIMIT_NOTIFY"] == "300/second"
    client = app.test_client()
    statuses = {
        client.post("/notify", json=body(SEED_NESTED, booking_id=n), headers=AUTH).status_code for n in range(1, 60)
    }
    assert statuses == {201}


def notify_via_proxy(client, forwarded: str, headers=AUTH, booking_id: int = 1):
    """POST /notify arriving from a proxy at 10.9.9.9 that names the caller in X-Forwarded-For."""
    return client.post(
        "/notify",
        json=body(SEED_NESTED, booking_id=booking_id),
        environ_base={"REMOTE_ADDR": "10.9.9.9"},
        headers={**headers, "X-Forwarded-For": forwarded},
    )


def test_behind_a_trusted_proxy_each_caller_has_its_own_count_and_is_logged(make_app, database_url):
    app = make_app(database_url, RATELIMIT_NOTIFY="2/minute", TRUSTED_PROXIES=1)
    client = app.test_client()
    assert [notify_via_proxy(client, "203.0.113.1", booking_id=n).status_code for n in (1, 2, 3)] == [201, 201, 429]
    assert (
        notify_via_proxy(client, "198.51.100.9, 203.0.113.1", booking_id=4).status_code == 429
    )  # the client's own entry
    assert notify_via_proxy(client, "203.0.113.2", headers={"Authorization": "Bearer wrong"}).status_code == 401
    for handler in app.logger.handlers:
        handler.flush()
    with open(app.config["CRM_LOG_FILE"], encoding="utf-8") as file:
        log = file.read()
    assert "auth failed (invalid token) on POST /notify from 203.0.113.2" in log  # the caller, not the proxy


def test_without_trusted_proxies_x_forwarded_for_cannot_reset_the_count(make_app, database_url):
    client = make_app(database_url, RATELIMIT_NOTIFY="2/minute").test_client()
    statuses = [notify_via_proxy(client, f"203.0.113.{n}", booking_id=n).status_code for n in (1, 2, 3)]
    assert statuses == [201, 201, 429]


def test_an_unreachable_redis_falls_back_to_counting_per_process(make_app, database_url):
    """Redis down is no reason to refuse every delivery with 500: the limit still holds, per process."""
    client = make_app(
        database_url, RATELIMIT_NOTIFY="2/minute", RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{free_port_number()}/0"
    ).test_client()
    statuses = [
        client.post("/notify", json=body(SEED_NESTED, booking_id=n), headers=AUTH).status_code for n in (1, 2, 3)
    ]
    assert statuses == [201, 201, 429]
