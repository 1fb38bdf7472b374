"""Seed 004's facilitator routes on the CRM: who may call them, and the forwarding of event changes to the
main API (a real HTTP server on loopback stands in for it)."""

import pytest
from crm_payloads import AUTH, assert_error
from crm_tokens import FACILITATOR_ID, jwt_client
from fake_main_api import FakeMainAPI

EVENTS = f"/api/facilitator/{FACILITATOR_ID}/events"
EVENT = f"/api/facilitator/{FACILITATOR_ID}/events/7"
BOOKINGS = f"/api/facilitator/{FACILITATOR_ID}/bookings"
# The four routes of seed 004: (method, path, JSON body).
ROUTES = [
    ("GET", EVENTS, None),
    ("GET", BOOKINGS, None),
    ("PUT", EVENT, {"title": "Evening Yoga"}),
    ("DELETE", EVENT, None),
]
MAIN_API_ERRORS = [
    (409, {"error": {"code": "conflict", "message": "The event is already cancelled.", "details": {}}}),
    (404, {"error": {"code": "not_found", "message": "No such event.", "details": {}}}),
    (
        400,
        {
            "error": {
                "code": "validation_error",
                "message": "The request is not valid.",
                "details": {"title": ["Shorter than minimum length 1."]},
            }
        },
    ),
    (403, {"error": {"code": "forbidden", "message": "You can only manage your own events.", "details": {}}}),
]


@pytest.fixture
def main_api():
    server = FakeMainAPI()
    yield server
    server.stop()


@pytest.fixture
def app(make_app, database_url, main_api):
    """The CRM forwarding to the fake main API; a short timeout keeps the slow-answer test quick."""
    return make_app(database_url, MAIN_API_URL=main_api.url, MAIN_API_TIMEOUT=0.5)


def call(client, method: str, path: str, body=None, **kwargs):
    return client.open(path, method=method, json=body, **kwargs)


# --- who may call -------------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "path", "body"), ROUTES)
@pytest.mark.parametrize(
    ("caller", "status", "code"),
    [
        ("anonymous", 401, "unauthorized"),
        ("user", 403, "forbidden"),
        ("other_facilitator", 403, "forbidden"),
        ("service", 403, "forbidden"),
        ("owner", 200, None),
    ],
)
def test_access_matrix(
    app,
    client,
    user_client,
    other_facilitator_client,
    facilitator_client,
    main_api,
    method,
    path,
    body,
    caller,
    status,
    code,
):
    clients = {
        "anonymous": client,
        "user": user_client,
        "other_facilitator": other_facilitator_client,
        "service": app.test_client(),
        "owner": facilitator_client,
    }
    headers = AUTH if caller == "service" else {}

    response = call(clients[caller], method, path, body, headers=headers)

    if code is None:
        assert response.status_code == status, response.get_json()
    else:
        assert_error(response, status, code)
    if status == 401:
        assert response.headers["WWW-Authenticate"] == "Bearer"
    forwarded = path != BOOKINGS and caller == "owner"
    # Refusals happen before any forwarding.
    assert [(r.method, r.path) for r in main_api.requests] == ([(method, path)] if forwarded else [])


def test_a_facilitator_id_that_is_not_a_number_is_404(facilitator_client, main_api):
    response = facilitator_client.get("/api/facilitator/priya/events")

    assert_error(response, 404, "not_found")
    assert main_api.requests == []


# --- what is forwarded --------------------------------------------------------------------------


def test_get_events_forwards_path_query_and_the_callers_token(facilitator_client, main_api):
    page = {"items": [{"id": 7, "title": "Morning Yoga"}], "page": 2, "per_page": 5, "total": 6, "pages": 2}
    main_api.queue(200, page)

    response = facilitator_client.get(f"{EVENTS}?page=2&per_page=5")

    assert (response.status_code, response.get_json()) == (200, page)
    [sent] = main_api.requests
    assert (sent.method, sent.path, sent.query, sent.body) == ("GET", EVENTS, "page=2&per_page=5", b"")
    assert sent.headers["Authorization"] == f"Bearer {facilitator_client.token}"
    assert sent.headers["Accept"] == "application/json"


def test_put_forwards_the_json_body(facilitator_client, main_api):
    changes = {"title": "Evening Yoga", "location": "Studio 2"}
    main_api.queue(200, {"id": 7, "title": "Evening Yoga", "location": "Studio 2"})

    response = facilitator_client.put(EVENT, json=changes)

    assert response.status_code == 200
    assert response.get_json() == {"id": 7, "title": "Evening Yoga", "location": "Studio 2"}
    [sent] = main_api.requests
    assert (sent.method, sent.path, sent.query) == ("PUT", EVENT, "")
    assert sent.json() == changes
    assert sent.headers["Content-Type"] == "application/json"
    assert sent.headers["Authorization"] == f"Bearer {facilitator_client.token}"


def test_delete_forwards_the_optional_reason(facilitator_client, main_api):
    main_api.queue(200, {"event": {"id": 7, "status": "cancelled"}, "bookings_cancelled": 3})

    response = facilitator_client.delete(EVENT, json={"reason": "Teacher unwell"})

    assert response.get_json() == {"event": {"id": 7, "status": "cancelled"}, "bookings_cancelled": 3}
    [sent] = main_api.requests
    assert (sent.method, sent.path, sent.json()) == ("DELETE", EVENT, {"reason": "Teacher unwell"})


def test_delete_without_a_body_sends_none(facilitator_client, main_api):
    response = facilitator_client.delete(EVENT)

    assert response.status_code == 200
    [sent] = main_api.requests
    assert (sent.method, sent.body) == ("DELETE", b"")
    assert "Content-Type" not in sent.headers


@pytest.mark.parametrize(
    ("method", "kwargs", "code"),
    [
        ("PUT", {"data": "title=x", "content_type": "application/x-www-form-urlencoded"}, "invalid_content_type"),
        ("PUT", {"data": "{not json", "content_type": "application/json"}, "invalid_json"),
        ("PUT", {}, "invalid_content_type"),
        ("PUT", {"json": ["a list"]}, "validation_error"),
        ("DELETE", {"data": "[1]", "content_type": "application/json"}, "validation_error"),
    ],
)
def test_a_body_that_is_not_a_json_object_is_400_and_not_forwarded(facilitator_client, main_api, method, kwargs, code):
    response = facilitator_client.open(EVENT, method=method, **kwargs)

    assert_error(response, 400, code)
    assert main_api.requests == []


@pytest.mark.parametrize(("status", "body"), MAIN_API_ERRORS)
def test_main_api_errors_pass_through_unchanged(facilitator_client, main_api, status, body):
    main_api.queue(status, body)

    response = facilitator_client.put(EVENT, json={"title": ""})

    assert (response.status_code, response.get_json()) == (status, body)


def test_main_api_401_keeps_its_www_authenticate(facilitator_client, main_api):
    body = {
        "error": {"code": "invalid_token", "message": "The account for this token no longer exists.", "details": {}}
    }
    main_api.queue(401, body, headers={"WWW-Authenticate": "Bearer", "X-Internal": "not for callers"})

    response = facilitator_client.get(EVENTS)

    assert (response.status_code, response.get_json()) == (401, body)
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert "X-Internal" not in response.headers


def test_main_api_204_is_passed_on_empty(facilitator_client, main_api):
    main_api.queue(204, None)

    response = facilitator_client.delete(EVENT)

    assert (response.status_code, response.get_data()) == (204, b"")


# --- the main API not answering properly: 503, never 500 ------------------------------------------


def assert_unavailable(response, reason: str) -> None:
    error = assert_error(response, 503, "main_api_unavailable")
    assert error["details"] == {"reason": reason}


def test_main_api_down_is_503(make_app, free_port):
    app = make_app(MAIN_API_URL=f"http://127.0.0.1:{free_port()}")

    assert_unavailable(jwt_client(app, FACILITATOR_ID, "facilitator").get(EVENTS), "unreachable")


@pytest.mark.parametrize(
    ("status", "body", "content_type"),
    [
        (500, "<html><body>Internal Server Error</body></html>", "text/html"),
        (200, "<html>a login page</html>", "text/html; charset=utf-8"),
        (502, "Bad Gateway", "text/plain"),
        (200, "{truncated", "application/json"),
    ],
)
def test_main_api_answer_that_is_not_json_is_503(facilitator_client, main_api, status, body, content_type):
    main_api.queue(status, body, content_type=content_type)

    assert_unavailable(facilitator_client.put(EVENT, json={"title": "x"}), "bad_response")


def test_redirects_are_not_followed(facilitator_client, main_api):
    main_api.queue(302, {"moved": True}, headers={"Location": "http://evil.example/steal"})

    assert_unavailable(facilitator_client.get(EVENTS), "bad_response")
    assert len(main_api.requests) == 1


def test_main_api_slower_than_the_timeout_is_503(facilitator_client, main_api):
    main_api.queue(200, {"ok": True}, delay=3)

    assert_unavailable(facilitator_client.delete(EVENT), "timeout")


def test_forwarding_logs_hold_no_token_and_no_email(app, facilitator_client, main_api):
    main_api.queue(409, {"error": {"code": "conflict", "message": "priya@example.com", "details": {}}})
    facilitator_client.put(EVENT, json={"title": "x", "contact": "priya@example.com"})
    main_api.queue(500, "<html>Bearer leaked-token priya@example.com</html>", content_type="text/html")
    facilitator_client.put(EVENT, json={"title": "x"})
    for handler in app.logger.handlers:
        handler.flush()

    with open(app.config["CRM_LOG_FILE"], encoding="utf-8") as file:
        log = file.read()
    assert f"forwarded PUT {EVENT} -> 409" in log
    assert f"main API gave no JSON answer: PUT {EVENT} -> 500" in log
    assert facilitator_client.token not in log
    assert "leaked-token" not in log and "@example.com" not in log


def test_the_openapi_document_lists_the_facilitator_routes(client):
    paths = client.get("/openapi.json").get_json()["paths"]

    assert set(paths["/api/facilitator/{facilitator_id}/events/{event_id}"]) >= {"put", "delete"}
    assert {"/api/facilitator/{facilitator_id}/events", "/api/facilitator/{facilitator_id}/bookings"} <= set(paths)


def test_head_asks_the_main_api_for_a_get(facilitator_client, main_api):
    response = facilitator_client.head(EVENTS)

    assert (response.status_code, response.get_data()) == (200, b"")
    assert [r.method for r in main_api.requests] == ["GET"]
