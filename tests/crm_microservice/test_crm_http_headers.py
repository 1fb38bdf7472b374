"""CORS for the web app's configured origins only, and security headers on every answer of the CRM."""

import pytest
from shared_checks import assert_no_cors, assert_preflight_allowed, assert_security_headers, preflight

WEB = "http://127.0.0.1:5173"


@pytest.mark.parametrize(
    "path, method",
    [
        ("/notifications", "GET"),
        ("/notifications/unread-count", "GET"),
        ("/notifications/read-all", "POST"),
        ("/api/facilitator/2/events", "GET"),
    ],
)
def test_the_web_apps_origin_may_read_the_inbox_with_a_token(client, path, method):
    # The web app's one client sends a key with every write, whichever service it calls.
    requested = "authorization" if method == "GET" else "authorization, content-type, idempotency-key"
    assert_preflight_allowed(preflight(client, path, WEB, method, requested), WEB, method, requested)


@pytest.mark.parametrize("origin", ["http://evil.example", "http://127.0.0.1:5000"])
def test_other_origins_get_no_cors_headers(client, origin):
    inbox = preflight(client, "/notifications", origin, "GET")
    assert_no_cors(inbox, client.get("/notifications", headers={"Origin": origin}))


def test_errors_carry_the_allow_origin_header_too(client):
    response = client.get("/notifications/unread-count", headers={"Origin": WEB})
    assert response.status_code == 401
    assert response.headers["Access-Control-Allow-Origin"] == WEB


def test_configured_origins_replace_the_defaults(make_app):
    client = make_app(CORS_ORIGINS="https://book.example.org, https://staff.example.org").test_client()
    for origin in ("https://book.example.org", "https://staff.example.org"):
        assert client.get("/health", headers={"Origin": origin}).headers["Access-Control-Allow-Origin"] == origin
    assert "Access-Control-Allow-Origin" not in client.get("/health", headers={"Origin": WEB}).headers


@pytest.mark.parametrize("value", ["*", "127.0.0.1:5173", "http://x.example/path"])
def test_a_wildcard_or_malformed_origin_stops_start_up(make_app, value):
    with pytest.raises(RuntimeError, match="CORS_ORIGINS"):
        make_app(CORS_ORIGINS=value)


@pytest.mark.parametrize("path", ["/health", "/notifications", "/nope", "/openapi.json"])
def test_every_answer_has_the_security_headers(client, path):
    assert_security_headers(client.get(path).headers)
