"""The outside tester's reproductions against the main API (issue 13): each a 4xx in our error shape, nothing stored."""

import jwt as pyjwt
import pytest
from token_claims import claims

from main_app.extensions import db
from main_app.models import User

pytestmark = pytest.mark.both_databases

DEEP = ("[" * 10_000 + "]" * 10_000).encode()


def post_raw(client, path: str, raw: bytes):
    return client.post(path, data=raw, content_type="application/json")


def test_deep_json_is_400_on_every_kind_of_route(client, user_client, priya, priya_client, assert_error):
    for route_client, path in (
        (client, "/auth/login"),
        (client, "/auth/register"),
        (user_client, "/bookings/book"),
        (priya_client, f"/api/facilitator/{priya.id}/events"),
    ):
        error = assert_error(post_raw(route_client, path, DEEP), 400, "invalid_json")
        assert "Nested deeper" in error["details"]["body"][0], path


@pytest.mark.parametrize(
    "path, raw, field",
    [
        ("/auth/register", b'{"name": "a\\ud800b", "email": "s@example.com", "password": "long-enough-1"}', "name"),
        ("/auth/login", b'{"username": "\\udfff", "password": "x"}', "username"),
    ],
)
def test_lone_surrogates_are_400_naming_the_field_and_nothing_is_stored(app, client, assert_error, path, raw, field):
    assert_error(post_raw(client, path, raw), 400, "validation_error", field)
    with app.app_context():
        assert db.session.query(User).filter_by(email="s@example.com").count() == 0


@pytest.mark.parametrize(
    "query",
    ["from=0001-01-01T00:00:00%2B01:00", "to=9999-12-31T23:59:59-01:00"],
)
def test_dates_whose_utc_falls_off_the_calendar_are_400_without_a_token(client, assert_error, query):
    error = assert_error(client.get(f"/events?{query}"), 400, "validation_error")
    assert "Out of range" in str(error["details"])


def test_the_edges_themselves_are_fine(client):
    assert client.get("/events?from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59Z").status_code == 200


def test_a_session_ending_after_year_9999_in_utc_is_400_and_nothing_is_stored(priya, priya_client, assert_error):
    before = priya_client.get(f"/api/facilitator/{priya.id}/events").get_json()["total"]
    body = {
        "title": "Edge",
        "kind": "session",
        "timezone": "Asia/Kolkata",
        "sessions": [{"starts_at": "9999-12-31T20:00:00Z", "ends_at": "9999-12-31T23:30:00-01:00", "capacity": 5}],
    }
    error = assert_error(priya_client.post(f"/api/facilitator/{priya.id}/events", json=body), 400, "validation_error")
    assert "sessions" in error["details"]
    assert priya_client.get(f"/api/facilitator/{priya.id}/events").get_json()["total"] == before


@pytest.mark.parametrize(
    "changes",
    [{"sub": str(10**30)}, {"sub": "2147483648"}, {"sub": "١٢"}, {"sub": 5}, {"exp": None}, {"exp": "soon"}],
    ids=["sub 10**30", "sub past the id range", "sub in Arabic digits", "sub a number", "no exp", "exp text"],
)
def test_a_correctly_signed_token_with_unusable_claims_is_401(app, client, user, assert_error, changes):
    body = {**claims(user.id), **changes}
    body = {name: value for name, value in body.items() if value is not None}
    token = pyjwt.encode(body, app.config["JWT_SECRET_KEY"], algorithm="HS256")
    # PyJWT refuses a non-text sub or a non-numeric exp itself; the rest reach our claims check.
    assert_error(client.get("/auth/me", headers={"Authorization": f"Bearer {token}"}), 401, "invalid_token")
