"""The role x route matrix's last two columns over the CRM's routes, generated from the app's routes: every route a
main API token opens (the client book, segments, inboxes, the facilitator routes) refuses a removed member's old
token and a logged-out token at once, as the main API does (tests/main_app/services/studios/test_permissions.py),
because the CRM asks the main API what a token reaches now (GET /auth/access) instead of trusting its claims."""

import pytest
from client_book_payloads import SLUG, STUDIO
from crm_payloads import assert_error
from crm_tokens import FACILITATOR_ID, bearer, mint
from fake_main_api import FakeMainAPI

from main_app.services.studios.permissions import CLIENT_BOOK_PERMISSIONS
from service_kit.security import CLIENT_BOOK_CLAIM, INBOX_STUDIOS_CLAIM

# Routes no main API token opens: public ones, and the service token's own.
NOT_FOR_TOKENS = ("/health", "/docs", "/openapi.json", "/notify", "/api/service/", "/api/reconciliation/")
BODIES = {
    "/cards": {"emails": ["asha@example.com"]},
    "/notes": {"text": "Prefers the back row"},
    "/<id:note_id>": {"text": "Knee injury"},
    "/tags": {"tags": ["regular"]},
    "/consent": {"marketing": True, "how": "asked at the desk"},
    "/merge": {"into": 2},
    "/segments": {"name": "Lapsed", "filters": {"no_visit_in_days": 30}},
    "/<id:segment_id>": {"name": "Renamed"},
    "/events/<id:event_id>": {"title": "Evening Yoga"},
}
OWNER_BOOK = [{"id": STUDIO, "slug": SLUG, "timezone": "UTC", "permissions": list(CLIENT_BOOK_PERMISSIONS)}]
MEMBER_CLAIMS = {INBOX_STUDIOS_CLAIM: [STUDIO], CLIENT_BOOK_CLAIM: OWNER_BOOK}


@pytest.fixture
def main_api():
    server = FakeMainAPI()
    yield server
    server.stop()


@pytest.fixture
def app(make_app, database_url, main_api):
    return make_app(database_url, MAIN_API_URL=main_api.url)


def token_routes(app) -> list[tuple[str, str]]:
    """(method, rule) of every CRM route a main API token may open."""
    return sorted(
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if not rule.rule.startswith(NOT_FOR_TOKENS)
        for method in rule.methods - {"HEAD", "OPTIONS"}
    )


def call(app, method: str, rule: str, token: str):
    """The route on the studio the token was minted for (a studio's inbox for the inbox routes)."""
    path = rule.replace("<slug>", SLUG).replace("<id:facilitator_id>", str(FACILITATOR_ID))
    for name in ("client_id", "note_id", "segment_id", "notification_id", "event_id"):
        path = path.replace(f"<id:{name}>", "1")
    query = {"studio_id": STUDIO} if rule.startswith("/notifications") else None
    body = next((b for end, b in BODIES.items() if rule.endswith(end)), None)
    return app.test_client().open(path, method=method, json=body, query_string=query, headers=bearer(token))


def member_token() -> str:
    """A facilitator's token minted while they owned the studio: its client book and its inbox named."""
    return mint(FACILITATOR_ID, "facilitator", claims=MEMBER_CLAIMS)


def test_the_routes_cover_the_client_book_the_inboxes_and_the_facilitators(app):
    routes = token_routes(app)
    assert {rule.split("/")[1] for _method, rule in routes} == {"api", "notifications"}
    assert len([rule for _method, rule in routes if rule.startswith("/api/studios/")]) >= 16
    assert len([rule for _method, rule in routes if rule.startswith("/api/facilitator/")]) == 4


def test_a_current_members_token_is_let_in_everywhere(app, main_api):
    for method, rule in token_routes(app):
        answer = call(app, method, rule, member_token())
        error = (answer.get_json(silent=True) or {}).get("error", {})
        assert answer.status_code not in (401, 403) and answer.status_code < 500, (method, rule, error)
        assert error.get("code") != "studio_not_found", (method, rule)


def test_a_removed_members_old_token_reaches_nothing(app, main_api):
    old = member_token()
    # Taken out of the studio and no longer teaching: the main API's answer now.
    main_api.grant(FACILITATOR_ID, role="user", inbox_studios=[], client_book=[])
    for method, rule in token_routes(app):
        answer = call(app, method, rule, old)
        assert answer.status_code in (403, 404), (method, rule, answer.get_json(silent=True))
        if rule.startswith("/api/studios/"):
            assert_error(answer, 404, "studio_not_found")
    assert main_api.requests == []  # no event change forwarded


def test_a_demoted_members_old_token_writes_nothing(app, main_api):
    old = member_token()
    instructor = [{"id": STUDIO, "slug": SLUG, "timezone": "UTC", "permissions": ["clients.own"]}]
    main_api.grant(FACILITATOR_ID, role="facilitator", inbox_studios=[], client_book=instructor)
    for method, rule in token_routes(app):
        if rule.startswith("/api/studios/") and method != "GET" and not rule.endswith("/cards"):
            assert call(app, method, rule, old).status_code == 403, (method, rule)
    assert call(app, "GET", "/api/studios/<slug>/clients.csv", old).text.splitlines()[0].count("spent") == 0
    assert_error(call(app, "GET", "/notifications", old), 403, "forbidden")


def test_a_logged_out_token_reaches_nothing(app, main_api):
    ended = member_token()
    main_api.revoke(ended)
    for method, rule in token_routes(app):
        answer = call(app, method, rule, ended)
        assert_error(answer, 401, "token_revoked")
        assert answer.headers["WWW-Authenticate"] == "Bearer"
    assert main_api.requests == []


def test_the_main_api_is_asked_once_per_request(app, main_api):
    assert call(app, "GET", "/api/studios/<slug>/clients", member_token()).status_code == 200
    [asked] = main_api.access_requests
    assert (asked.method, asked.path) == ("GET", "/auth/access")


def test_the_main_api_down_is_a_503(make_app, database_url, free_port):
    app = make_app(database_url, MAIN_API_URL=f"http://127.0.0.1:{free_port()}", MAIN_API_TIMEOUT=0.5)
    answer = call(app, "GET", "/api/studios/<slug>/clients", member_token())
    assert_error(answer, 503, "main_api_unavailable")
