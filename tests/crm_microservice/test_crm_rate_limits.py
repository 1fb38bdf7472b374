"""Flask-Limiter on POST /notify: 429 with Retry-After, before the token check so guessing counts too."""
from crm_payloads import AUTH, SEED_NESTED, assert_error, body


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
    statuses = {client.post("/notify", json=body(SEED_NESTED, booking_id=n), headers=AUTH).status_code for n in range(1, 60)}
    assert statuses == {201}
