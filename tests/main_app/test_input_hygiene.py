"""Hostile or odd text is stored and returned verbatim (never run as SQL or served as HTML); NUL is refused."""

from datetime import timedelta

import pytest

from main_app.models import utcnow

pytestmark = pytest.mark.both_databases

HOUR = timedelta(hours=1)
NEXT_MONTH = utcnow().replace(microsecond=0) + timedelta(days=30)  # inside the window of session dates
TEXTS = {
    "sql": "Robert'); DROP TABLE users;-- \" OR 1=1 --",
    "html": "<script>alert('x')</script><img src=x onerror=alert(1)>",
    "unicode": "Åsa Ñúñez 名前 🧘‍♀️ \u202eRTL",
    "long": "x" * 200,
    "whitespace": "tab\there\nnew line",
}


def iso(moment) -> str:
    return moment.isoformat()


@pytest.mark.parametrize("kind", TEXTS)
def test_names_are_stored_and_returned_verbatim(client, kind):
    name = TEXTS[kind]
    response = client.post(
        "/auth/register", json={"name": name, "email": f"{kind}@example.com", "password": "long-enough-1"}
    )
    assert response.status_code == 201
    assert response.mimetype == "application/json" and response.headers["X-Content-Type-Options"] == "nosniff"
    token = response.get_json()["access_token"]
    assert client.get("/auth/me", headers={"Authorization": f"Bearer {token}"}).get_json()["name"] == name


@pytest.mark.parametrize("kind", TEXTS)
def test_searches_are_data_not_sql(client, make_event, kind):
    make_event(title="Morning Flow")
    response = client.get("/events", query_string={"q": TEXTS[kind]})
    assert response.status_code == 200 and response.get_json()["items"] == []
    assert client.get("/events").get_json()["total"] == 1  # and nothing was dropped


def test_event_text_from_a_facilitator_round_trips(priya, priya_client):
    body = {
        "title": TEXTS["html"],
        "kind": "retreat",
        "timezone": "Asia/Kolkata",
        "location": TEXTS["sql"],
        "description": TEXTS["unicode"],
        "sessions": [{"starts_at": iso(NEXT_MONTH), "ends_at": iso(NEXT_MONTH + HOUR), "capacity": 3}],
    }
    created = priya_client.post(f"/api/facilitator/{priya.id}/events", json=body)
    assert created.status_code == 201, created.get_json()
    shown = priya_client.get(f"/events/{created.get_json()['id']}").get_json()
    assert (shown["title"], shown["location"], shown["description"]) == (TEXTS["html"], TEXTS["sql"], TEXTS["unicode"])


@pytest.mark.parametrize(
    "body, field",
    [
        ({"name": "nul\u0000name", "email": "n@example.com", "password": "long-enough-1"}, "name"),
        ({"name": "Ok", "email": "n@example.com", "password": "long-\u0000enough"}, "password"),
    ],
)
def test_nul_characters_are_refused_naming_the_field(client, assert_error, body, field):
    response = client.post("/auth/register", json=body)
    assert_error(response, 400, "validation_error", field)
    assert "NUL" in response.get_json()["error"]["details"][field][0]


def test_nul_in_a_query_is_refused_too(client, assert_error):
    assert_error(client.get("/events", query_string={"q": "a\u0000b"}), 400, "validation_error", "q")


def test_nested_nul_is_named_with_its_path(priya, priya_client, assert_error):
    body = {
        "title": "Ok",
        "kind": "session",
        "timezone": "Asia/Kolkata",
        "sessions": [
            {"starts_at": iso(NEXT_MONTH), "ends_at": iso(NEXT_MONTH + HOUR), "capacity": 3, "note": "\u0000"}
        ],
    }
    assert_error(
        priya_client.post(f"/api/facilitator/{priya.id}/events", json=body), 400, "validation_error", "sessions.0.note"
    )


def test_overlong_values_are_refused_not_truncated(client, assert_error):
    response = client.post(
        "/auth/register", json={"name": "x" * 201, "email": "long@example.com", "password": "long-enough-1"}
    )
    assert_error(response, 400, "validation_error", "name")
