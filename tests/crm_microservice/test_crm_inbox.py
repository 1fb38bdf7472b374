"""A facilitator's inbox: GET /notifications scoped to their own, unread counts and read marks (both stores)."""

import datetime as dt
import json

import pytest
from crm_payloads import AUTH, SEED_NESTED, SEED_TYPED, body
from crm_tokens import FACILITATOR_ID, OTHER_FACILITATOR_ID, USER_ID, bearer, mint

from crm_microservice.services.notifications import build_record
from crm_microservice.storage import get_store

T0 = dt.datetime(2024, 3, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def inbox(any_app):
    """Ids 1..6: three of facilitator 101, two of 102, one of nobody (a user registering)."""
    payloads = [
        body(SEED_NESTED),  # 1: 101
        body(
            SEED_NESTED,
            booking_id=124,
            facilitator_id=OTHER_FACILITATOR_ID,
            user={"id": 457, "name": "Other", "email": "other@example.org"},
        ),  # 2: 102
        body(SEED_NESTED, type="booking_cancelled", message="Test User (test@example.com) cancelled"),  # 3: 101
        body(SEED_TYPED, type="user_registered", data={"email": "new@example.net"}),  # 4: nobody's
        body(SEED_TYPED, type="event_updated", facilitator_id=FACILITATOR_ID, event_id=789),  # 5: 101
        body(SEED_NESTED, booking_id=125, facilitator_id=OTHER_FACILITATOR_ID),  # 6: 102
    ]
    with any_app.app_context():
        store = get_store(any_app)
        ids = [
            store.add(build_record(p, {}, now=T0 + dt.timedelta(minutes=i)))[0]["id"] for i, p in enumerate(payloads)
        ]
    assert ids == [1, 2, 3, 4, 5, 6]
    return {"mine": [5, 3, 1], "theirs": [6, 2]}


def listing(client, query: str = "") -> dict:
    response = client.get(f"/notifications{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def ids(page: dict) -> list[int]:
    return [item["id"] for item in page["items"]]


def test_a_facilitator_sees_only_their_own(any_facilitator_client, any_other_facilitator_client, inbox):
    mine = listing(any_facilitator_client)
    theirs = listing(any_other_facilitator_client)

    assert ids(mine) == inbox["mine"] and mine["total"] == 3 and mine["unread"] == 3
    assert ids(theirs) == inbox["theirs"] and theirs["unread"] == 2
    assert {item["read"] for item in mine["items"]} == {False}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?type=booking_created", [1]),
        (f"?facilitator_id={FACILITATOR_ID}", [5, 3, 1]),
        (f"?facilitator_id={OTHER_FACILITATOR_ID}", []),  # never someone else's, even when asked for
        ("?booking_id=124", []),
        ("?per_page=2", [5, 3]),
    ],
)
def test_filters_stay_inside_the_inbox(any_facilitator_client, inbox, query, expected):
    page = listing(any_facilitator_client, query)

    assert ids(page) == expected
    assert page["unread"] == 3  # the whole inbox, whatever the filters


def test_emails_are_shown_to_the_facilitator_and_masked_for_anonymous(any_facilitator_client, any_client, inbox):
    mine = listing(any_facilitator_client)["items"]
    anonymous = listing(any_client)["items"]

    assert mine[2]["user"]["email"] == "test@example.com"
    assert mine[1]["message"] == "Test User (test@example.com) cancelled"
    by_id = {item["id"]: item for item in anonymous}
    assert by_id[1]["user"]["email"] == "t***@example.com"
    assert by_id[3]["message"] == "Test User (t***@example.com) cancelled"
    assert by_id[4]["data"] == {"email": "n***@example.net"}


def test_the_service_and_anonymous_readers_see_everything_with_the_global_unread_count(
    any_service_client, any_client, inbox
):
    for client in (any_service_client, any_client):
        page = listing(client)
        assert (page["total"], page["unread"]) == (6, 6)


def test_unread_count(any_facilitator_client, any_other_facilitator_client, inbox):
    assert any_facilitator_client.get("/notifications/unread-count").get_json() == {"unread": 3}
    assert any_other_facilitator_client.get("/notifications/unread-count").get_json() == {"unread": 2}


def test_mark_one_read(any_facilitator_client, any_service_client, inbox):
    before = dt.datetime.now(dt.UTC)

    response = any_facilitator_client.post("/notifications/3/read")

    assert response.status_code == 200
    item = response.get_json()
    assert (item["id"], item["read"], item["user"]["email"]) == (3, True, "test@example.com")
    read_at = dt.datetime.fromisoformat(item["read_at"])
    assert before <= read_at <= dt.datetime.now(dt.UTC)
    assert any_facilitator_client.get("/notifications/unread-count").get_json() == {"unread": 2}
    page = listing(any_facilitator_client)
    assert [(i["id"], i["read"]) for i in page["items"]] == [(5, False), (3, True), (1, False)]
    assert page["unread"] == 2
    assert listing(any_service_client)["unread"] == 5

    again = any_facilitator_client.post("/notifications/3/read").get_json()
    assert again["read_at"] == item["read_at"]  # the first read is kept


@pytest.mark.parametrize("notification_id", [2, 4, 6, 99])
def test_someone_elses_or_an_unknown_id_is_404(
    any_facilitator_client, any_other_facilitator_client, inbox, notification_id
):
    response = any_facilitator_client.post(f"/notifications/{notification_id}/read")

    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"
    assert any_other_facilitator_client.get("/notifications/unread-count").get_json() == {"unread": 2}


def test_mark_all_read(any_facilitator_client, any_other_facilitator_client, inbox):
    response = any_facilitator_client.post("/notifications/read-all")

    assert (response.status_code, response.get_json()) == (200, {"marked": 3, "unread": 0})
    assert {item["read"] for item in listing(any_facilitator_client)["items"]} == {True}
    assert any_facilitator_client.post("/notifications/read-all").get_json() == {"marked": 0, "unread": 0}
    assert any_other_facilitator_client.get("/notifications/unread-count").get_json() == {"unread": 2}


def test_unread_filter(any_facilitator_client, any_service_client, inbox):
    any_facilitator_client.post("/notifications/1/read")

    assert ids(listing(any_facilitator_client, "?unread=true")) == [5, 3]
    assert ids(listing(any_facilitator_client, "?unread=false")) == [1]
    assert ids(listing(any_service_client, "?unread=false")) == [1]
    assert listing(any_service_client, "?unread=true")["total"] == 5


def test_unread_filter_must_be_a_boolean(any_facilitator_client):
    response = any_facilitator_client.get("/notifications?unread=maybe")

    assert response.status_code == 400
    assert list(response.get_json()["error"]["details"]) == ["unread"]


def test_new_notifications_arrive_unread(any_facilitator_client, any_service_client, inbox):
    any_facilitator_client.post("/notifications/read-all")

    any_service_client.post("/notify", json=body(SEED_NESTED, booking_id=200, notification_id="late-1"))

    assert any_facilitator_client.get("/notifications/unread-count").get_json() == {"unread": 1}
    assert ids(listing(any_facilitator_client, "?unread=true")) == [7]


# --- who may use the inbox routes ----------------------------------------------------------------

INBOX_ROUTES = [
    ("GET", "/notifications/unread-count"),
    ("POST", "/notifications/1/read"),
    ("POST", "/notifications/read-all"),
]


@pytest.mark.parametrize(("method", "path"), INBOX_ROUTES)
@pytest.mark.parametrize(
    ("headers", "status"),
    [
        (lambda: {}, 401),  # anonymous, even with CRM_ANONYMOUS_READ
        (lambda: AUTH, 403),  # the service token has no inbox
        (lambda: bearer(mint(USER_ID, "user")), 403),  # minted when the test runs: never expired by then
    ],
    ids=["anonymous", "service", "user"],
)
def test_only_facilitators_have_an_inbox(any_client, inbox, method, path, headers, status):
    response = any_client.open(path, method=method, headers=headers())

    assert response.status_code == status
    assert response.get_json()["error"]["code"] == ("unauthorized" if status == 401 else "forbidden")


def test_a_user_token_cannot_list_notifications(any_client, inbox):
    response = any_client.get("/notifications", headers=bearer(mint(USER_ID, "user")))

    assert response.status_code == 403


def test_read_state_is_kept_in_the_json_file(json_app):
    with json_app.app_context():
        get_store(json_app).add(build_record(body(SEED_NESTED, notification_id="n-1"), {}, now=T0))

    json_app.test_client().post("/notifications/1/read", headers=bearer(mint(FACILITATOR_ID, "facilitator")))

    with json_app.app_context():
        stored = get_store(json_app).get_by_notification_id("n-1")
    assert stored["read_at"] is not None and stored["read_at"].tzinfo is not None


def test_a_json_file_written_before_read_state_existed_reads_as_unread(json_app):
    stored = dict(build_record(body(SEED_NESTED, notification_id="old-1"), {}, now=T0), id=1)
    del stored["read_at"], stored["batch_id"]
    stored = {key: value.isoformat() if isinstance(value, dt.datetime) else value for key, value in stored.items()}
    with open(json_app.config["NOTIFICATION_LOG_FILE"], "w", encoding="utf-8") as file:
        json.dump([stored], file)
    client = json_app.test_client()
    headers = bearer(mint(FACILITATOR_ID, "facilitator"))

    assert client.get("/notifications", headers=headers).get_json()["items"][0]["read"] is False
    assert client.post("/notifications/1/read", headers=headers).get_json()["read"] is True
    assert client.get("/notifications/unread-count", headers=headers).get_json() == {"unread": 0}
