"""CORS for the web app's configured origins only, and security headers on every answer of the main API."""

import pytest
from shared_checks import assert_no_cors, assert_preflight_allowed, assert_security_headers, preflight

WEB = "http://localhost:5173"
JSON_WITH_A_TOKEN = "authorization, content-type"
KEYED_JSON_WITH_A_TOKEN = "authorization, content-type, idempotency-key"  # every write of the web app


@pytest.mark.parametrize(
    "path, method",
    [
        ("/auth/login", "POST"),
        ("/book", "POST"),
        ("/bookings/5/cancel", "POST"),
        ("/api/facilitator/2/sessions/3", "PATCH"),
        ("/events", "GET"),
    ],
)
def test_the_web_apps_origin_may_call_with_a_token_and_json(client, path, method):
    requested = JSON_WITH_A_TOKEN if method == "GET" else KEYED_JSON_WITH_A_TOKEN
    response = preflight(client, path, WEB, method, requested)
    assert_preflight_allowed(response, WEB, method, requested)


@pytest.mark.parametrize("origin", ["http://evil.example", "http://localhost:5174", "null", "https://localhost:5173"])
def test_other_origins_get_no_cors_headers(client, origin):
    login = preflight(client, "/auth/login", origin, "POST", JSON_WITH_A_TOKEN)
    assert_no_cors(login, client.get("/events", headers={"Origin": origin}))


def test_answers_and_errors_carry_the_allow_origin_header_so_the_app_can_read_them(client, assert_error):
    response = client.post("/auth/login", json={}, headers={"Origin": WEB})
    assert_error(response, 400, "validation_error")
    assert response.headers["Access-Control-Allow-Origin"] == WEB
    assert client.get("/events", headers={"Origin": WEB}).headers["Access-Control-Allow-Origin"] == WEB
    expose = client.get("/events", headers={"Origin": WEB}).headers["Access-Control-Expose-Headers"]
    assert {"Retry-After", "Content-Disposition", "Idempotent-Replayed"} <= set(expose.split(", "))


def test_configured_origins_replace_the_defaults(make_app):
    client = make_app(CORS_ORIGINS=["https://book.example.org"]).test_client()
    assert (
        client.get("/events", headers={"Origin": "https://book.example.org"}).headers["Access-Control-Allow-Origin"]
        == "https://book.example.org"
    )
    assert "Access-Control-Allow-Origin" not in client.get("/events", headers={"Origin": WEB}).headers


@pytest.mark.parametrize("path", ["/health", "/events", "/nope", "/auth/me", "/openapi.json"])
def test_every_answer_has_the_security_headers(client, path):
    assert_security_headers(client.get(path).headers)
