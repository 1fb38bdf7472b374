"""Studio automations' news through /notify: a tag added to a client or taken off (once however often it arrives,
the client made when the book does not know them, stored read) and a task for staff (unread in the studio's inbox),
each in the client's timeline; a rebuild of the book leaves the tags as they are."""

import datetime as dt
import itertools

import pytest
from client_book_payloads import PERSON, SLUG, STUDIO, booking, staff_token
from crm_payloads import AUTH, assert_error
from crm_tokens import USER_ID, bearer, mint

from crm_microservice.services import clients
from service_kit.security import INBOX_STUDIOS_CLAIM

pytestmark = pytest.mark.both_databases

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
DAY = dt.timedelta(days=1)
BASE = f"/api/studios/{SLUG}/clients"
IDS = itertools.count(1)
NEWCOMER = {"id": 900, "name": "Nia Newcomer", "email": "nia@example.com"}


def news(kind: str, user: dict = PERSON, *, message: str = "", **data) -> dict:
    """An automation's notification as main_app.services.crm.tag_row and task_row write it (the typed shape)."""
    return {
        "notification_id": f"auto-{next(IDS)}",
        "type": kind,
        "user_id": user["id"],
        "studio_id": STUDIO,
        "timestamp": NOW.isoformat(),
        "message": message or f"{kind} for {user['name']}",
        "data": {"user": user, "automation_id": 3, **data},
    }


def tagged(tag: str, user: dict = PERSON) -> dict:
    return news("client_tag_added", user, tag=tag)


def untagged(tag: str, user: dict = PERSON) -> dict:
    return news("client_tag_removed", user, tag=tag)


def task(text: str, user: dict = PERSON) -> dict:
    return news("automation_task", user, message=text, automation_name="Win back lapsed clients")


def _send(client, payload: dict, status: int = 201) -> dict:
    answer = client.post("/notify", json=payload, headers=AUTH)
    assert answer.status_code == status, answer.get_json()
    return answer.get_json()


def _profile(client, user_id: int = PERSON["id"]) -> dict:
    owner = staff_token("owner")
    listed = client.get(BASE, query_string={"per_page": 100}, headers=owner).get_json()["items"]
    [client_id] = [item["id"] for item in listed if item["user_id"] == user_id]
    return client.get(f"{BASE}/{client_id}", headers=owner).get_json()


@pytest.fixture
def client(app):
    """The CRM with Asha (PERSON) in the studio's book, seen a week ago."""
    test_client = app.test_client()
    _send(test_client, booking("booking_created", 1, NOW + DAY, NOW - 7 * DAY))
    return test_client


def test_a_tag_is_added_once_however_often_it_arrives(client):
    first = tagged("Lapsed")
    assert _send(client, first)["notification"]["read"] is True  # bookkeeping: nothing for staff to act on
    assert _send(client, first, 200)["duplicate"] is True  # the lane is at least once
    _send(client, tagged("lapsed"))  # another run of the rule, or another rule
    profile = _profile(client)
    assert profile["tags"] == ["lapsed"]
    # A rule acting is not the person seen: the list's order by last seen stays.
    assert dt.datetime.fromisoformat(profile["last_seen_at"]) == NOW - 7 * DAY
    timeline = [item["type"] for item in profile["timeline"]["items"]]
    assert timeline.count("client_tag_added") == 2


def test_a_tag_is_taken_off_in_any_case_and_once(client):
    owner = staff_token("owner")
    client_id = _profile(client)["id"]
    assert client.put(f"{BASE}/{client_id}/tags", json={"tags": ["vip", "lapsed"]}, headers=owner).status_code == 200
    removal = untagged("Lapsed")
    assert _send(client, removal)["notification"]["read"] is True
    _send(client, removal, 200)
    _send(client, untagged("never-there"))
    assert _profile(client)["tags"] == ["vip"]


def test_a_client_the_book_does_not_know_is_made(client):
    _send(client, tagged("welcome", NEWCOMER))
    profile = _profile(client, NEWCOMER["id"])
    assert (profile["name"], profile["email"], profile["tags"]) == ("Nia Newcomer", "nia@example.com", ["welcome"])
    assert dt.datetime.fromisoformat(profile["first_seen_at"]) == NOW


def test_a_merged_clients_tag_goes_to_the_one_kept(client):
    owner = staff_token("owner")
    _send(client, booking("booking_created", 2, NOW + DAY, NOW - DAY, user=NEWCOMER))
    kept, merged = _profile(client)["id"], _profile(client, NEWCOMER["id"])["id"]
    assert client.put(f"{BASE}/{merged}/tags", json={"tags": ["old"]}, headers=owner).status_code == 200
    assert client.post(f"{BASE}/{merged}/merge", json={"into": kept}, headers=owner).status_code == 200
    _send(client, tagged("new", NEWCOMER))
    _send(client, untagged("old", NEWCOMER))
    assert _profile(client)["tags"] == ["new"]
    segment = client.post(f"/api/studios/{SLUG}/segments", json={"name": "n", "filters": {"tag": "new"}}, headers=owner)
    listed = client.get(BASE, query_string={"segment": segment.get_json()["id"]}, headers=owner).get_json()["items"]
    assert [item["id"] for item in listed] == [kept]


def _inbox(client) -> dict:
    token = bearer(mint(USER_ID, "user", claims={INBOX_STUDIOS_CLAIM: [STUDIO]}))
    answer = client.get("/notifications", query_string={"studio_id": STUDIO}, headers=token)
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def test_a_task_is_unread_in_the_studios_inbox_and_the_clients_timeline(client):
    unread_before = _inbox(client)["unread"]
    _send(client, tagged("lapsed"))
    stored = _send(client, task("Call Asha: she has not come for a month"))["notification"]
    assert (stored["read"], stored["studio_id"], stored["user"]["id"]) == (False, STUDIO, PERSON["id"])
    inbox = _inbox(client)
    assert inbox["unread"] == unread_before + 1  # the task; the tag arrived read
    [entry] = [item for item in inbox["items"] if item["type"] == "automation_task"]
    assert entry["message"] == "Call Asha: she has not come for a month"
    assert entry["data"]["automation_name"] == "Win back lapsed clients"
    assert "automation_task" in [item["type"] for item in _profile(client)["timeline"]["items"]]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (news("client_tag_added"), "data.tag"),
        (news("client_tag_added", tag="x" * 51), "data.tag"),
        (news("client_tag_removed", tag="no;semicolons"), "data.tag"),
        (news("client_tag_added", tag="vip", automation_id="3"), "data.automation_id"),
        (news("automation_task", message="Call"), "data.automation_name"),
    ],
    ids=["no tag", "too long", "not a tag", "id as text", "no name"],
)
def test_bad_data_is_a_400_naming_the_field(client, payload, field):
    assert_error(client.post("/notify", json=payload, headers=AUTH), 400, "validation_error", (field,))


def test_a_rebuild_leaves_the_tags_as_staff_left_them(app, client):
    _send(client, tagged("lapsed"))
    client_id = _profile(client)["id"]
    assert client.put(f"{BASE}/{client_id}/tags", json={"tags": []}, headers=staff_token("owner")).status_code == 200
    with app.app_context():
        clients.rebuild(STUDIO)
    assert _profile(client)["tags"] == []


def test_in_one_batch_a_tag_added_then_taken_off_is_off(client):
    added, removed = tagged("lapsed"), untagged("lapsed")
    added["notification_id"], removed["notification_id"] = "z-added", "a-removed"  # their ids in the other order
    removed["timestamp"] = (NOW + dt.timedelta(seconds=1)).isoformat()
    answer = client.post("/notify/batch", json={"notifications": [added, removed]}, headers=AUTH)
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["stored"] == 2
    assert _profile(client)["tags"] == []
