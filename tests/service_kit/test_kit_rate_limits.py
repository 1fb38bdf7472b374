"""The limiter both services make: a route without a limit skips it, a route given one by configured_limit is
counted once a request, at the view, and limits set for every route (RATELIMIT_DEFAULT) reach every route."""

import pytest
from flask import Flask

from service_kit import rate_limits
from service_kit.rate_limits import configured_limit, make_limiter


def make(**config):
    """A small app with one route limited through configured_limit and one without, and a spy on the limiter's
    lookup of a route's limits: the endpoints it was asked about."""
    limiter = make_limiter("kit")
    app = Flask(__name__)
    app.config.update(RATELIMIT_STORAGE_URI="memory://", RATELIMIT_EXAMPLE="2/minute", **config)

    @app.get("/free")
    def free():
        return {"ok": True}

    @app.get("/limited")
    @configured_limit(limiter, "RATELIMIT_EXAMPLE", "Slow down")
    def limited():
        return {"ok": True}

    rate_limits.init_app(app, limiter)
    looked_up = []
    real = limiter.limit_manager.resolve_limits

    def spy(app, endpoint, *args, **kwargs):
        looked_up.append(endpoint)
        return real(app, endpoint, *args, **kwargs)

    limiter.limit_manager.resolve_limits = spy
    return app.test_client(), looked_up


def test_a_route_without_a_limit_skips_the_limiter_and_a_limited_one_is_counted():
    client, looked_up = make()
    assert [client.get("/free").status_code for _ in range(5)] == [200] * 5
    assert looked_up == []
    assert [client.get("/limited").status_code for _ in range(3)] == [200, 200, 429]
    assert looked_up == ["limited"] * 3  # once a request, at the view: not before it too (there is nothing there)


@pytest.mark.parametrize("setting", ["RATELIMIT_DEFAULT", "RATELIMIT_APPLICATION"])
def test_limits_for_every_route_still_reach_every_route(setting):
    client, _ = make(**{setting: "3/minute"})
    assert [client.get("/free").status_code for _ in range(4)] == [200, 200, 200, 429]
    # The limited route: the application's limit is shared by every route and already used up, so it is checked
    # before the request as before; a default gives way to a route's own limit (its 2/minute).
    expected = [429] if setting == "RATELIMIT_APPLICATION" else [200, 200, 429]
    assert [client.get("/limited").status_code for _ in range(len(expected))] == expected


def test_account_keys_count_an_accounts_identifiers_together_and_look_each_request_up_once():
    accounts = {"asha@example.com": 7, "asha": 7}
    asked = []

    def resolve(identifier):
        asked.append(identifier)
        return accounts.get(identifier)

    keys = rate_limits.AccountKeys(resolve)
    limiter = make_limiter("kit")
    app = Flask(__name__)
    app.config.update(RATELIMIT_STORAGE_URI="memory://", RATELIMIT_LOGIN="3/minute")

    @app.post("/login")
    @configured_limit(limiter, "RATELIMIT_LOGIN", "Slow down", key_func=keys.account, deduct_when=lambda _r: True)
    def login():
        return {"ok": False}, 401

    rate_limits.init_app(app, limiter)
    client = app.test_client()
    bodies = [{"email": " Asha@Example.com"}, {"username": "ASHA"}, {"login": "asha"}, {"email": "asha@example.com"}]
    assert [client.post("/login", json=body).status_code for body in bodies] == [401, 401, 401, 429]
    assert asked == ["asha@example.com", "asha", "asha", "asha@example.com"]  # once a request, normalized
    unknown = [client.post("/login", json={"email": "nobody@example.com"}).status_code for _ in range(4)]
    assert unknown == [401, 401, 401, 429]  # an identifier naming no account counts by itself
