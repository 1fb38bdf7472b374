"""The limiter both services make: a route given a limit by configured_limit is counted, a route without one is
not, and limits set for every route (RATELIMIT_DEFAULT, RATELIMIT_APPLICATION) reach every route."""

import re

import pytest
from flask import Flask

from service_kit import rate_limits, settings
from service_kit.rate_limits import configured_limit, make_limiter


def make(**config):
    """A small app with one route limited through configured_limit and one without."""
    limiter = make_limiter("kit")
    app = Flask(__name__)
    app.config.update(RATELIMIT_STORAGE_URI="memory://", RATELIMIT_EXAMPLE="2/minute", **config)

    @app.get("/free")
    def free():
        return {"ok": True}

    @app.get("/limited")
    @configured_limit(limiter, "RATELIMIT_EXAMPLE", "Slow down; try again in {seconds} second{s}.")
    def limited():
        return {"ok": True}

    rate_limits.init_app(app, limiter)
    return app.test_client()


def test_a_route_without_a_limit_is_not_counted_and_a_limited_one_is():
    client = make()
    assert [client.get("/free").status_code for _ in range(5)] == [200] * 5
    assert [client.get("/limited").status_code for _ in range(3)] == [200, 200, 429]


def test_a_429_is_in_our_shape_saying_the_seconds_to_wait():
    client = make()
    answers = [client.get("/limited") for _ in range(3)]
    error = answers[-1].get_json()["error"]
    assert error["code"] == "too_many_requests"
    assert re.fullmatch(r"Slow down; try again in \d+ seconds?\.", error["message"])


@pytest.mark.parametrize("setting", ["RATELIMIT_DEFAULT", "RATELIMIT_APPLICATION"])
def test_limits_for_every_route_still_reach_every_route(setting):
    client = make(**{setting: "3/minute"})
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


@pytest.mark.parametrize(
    ("path", "referer", "key"),
    [
        # The widget's own calls name it in their Referer: its studio, whatever the route.
        ("/events/7", "https://book.example/embed/lotus/timetable?theme=dark", "site:lotus"),
        ("/timetable?studio=other", "https://book.example/embed/lotus/events/7", "site:lotus"),
        ("/events/7", "https://book.example/studios/lotus", "site:lotus"),
        # Else the studio the route names (a path's slug, the timetable's ?studio=).
        ("/studios/lotus", None, "site:lotus"),
        ("/timetable?studio=lotus", "https://elsewhere.example/", "site:lotus"),
        # Else a page of ours the Referer names (the web app server reading for it), else the address.
        ("/passes?event_id=7", "https://book.example/events/7", "page:/events/7"),
        ("/timetable", "https://book.example/timetable?week=2026-01-05", "page:/timetable"),
        ("/events/7", "https://book.example/embed/Not A Slug/", "10.0.0.9"),
        ("/timetable?studio=Not%20a%20slug", "https://book.example/events/7/other", "10.0.0.9"),
        ("/events/7", None, "10.0.0.9"),
    ],
)
def test_the_embed_site_key_names_the_widget_then_the_routes_studio_then_the_address(path, referer, key):
    app = Flask(__name__)
    for rule in ("/studios/<slug>", "/events/<int:event_id>", "/timetable", "/passes"):
        app.add_url_rule(rule, rule, lambda **_args: {"key": rate_limits.embed_site_key()})
    headers = {"Referer": referer} if referer else {}
    answer = app.test_client().get(path, headers=headers, environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert answer.get_json()["key"] == key


def test_the_embed_limits_are_read_checked_and_matched_by_the_apps_own_limit():
    limits = settings.embed_limits({"EMBED_API_RATE_PER_SITE": "2", "EMBED_API_BURST_PER_SITE": "1"})
    assert limits == {**settings.EMBED_LIMIT_DEFAULTS, "EMBED_API_RATE_PER_SITE": 2, "EMBED_API_BURST_PER_SITE": 1}
    # nginx's bucket takes the burst and one more at once, then the rate: so does the app's, a second and a minute.
    assert rate_limits.embed_api_limit(limits) == "4/second;122/minute"
    for bad in ({"EMBED_RATE_PER_SITE": "0"}, {"EMBED_BURST_PER_SITE": "0"}, {"EMBED_API_RATE_PER_SITE": "2.5"}):
        with pytest.raises(RuntimeError, match=next(iter(bad))):
            settings.embed_limits(bad)
