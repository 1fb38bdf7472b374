"""A segment's consenting clients for the main API's marketing email (service token only, one per address, consent
given and not withdrawn), and a withdrawal reported back by the main API refusing consent in the client book."""

import datetime as dt

import pytest
from client_book_payloads import SLUG, STUDIO, booking, staff_token
from crm_payloads import AUTH

pytestmark = pytest.mark.both_databases

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
DAY = dt.timedelta(days=1)
BASE = f"/api/studios/{SLUG}"
PEOPLE = [
    {"id": 456, "name": "Asha", "email": "asha@example.com"},
    {"id": 457, "name": "Ben", "email": "ben@example.com"},
    {"id": 458, "name": "Asha again", "email": "ASHA@example.com"},  # a second account with the same address
    {"id": 459, "name": "Cara", "email": "cara@example.com"},
]


def _recipients_path(segment_id: int, studio_id: int = STUDIO) -> str:
    return f"/api/service/studios/{studio_id}/segments/{segment_id}/recipients"


@pytest.fixture
def book(app):
    """Four clients, all but Cara with consent given; a segment of everyone (no visit in a day): (client, ids, seg)."""
    client = app.test_client()
    for number, person in enumerate(PEOPLE, start=1):
        payload = booking("booking_created", number, NOW + DAY, NOW - DAY, user=person)
        assert client.post("/notify", json=payload, headers=AUTH).status_code == 201
    owner = staff_token("owner")
    ids = {item["name"]: item["id"] for item in client.get(f"{BASE}/clients", headers=owner).get_json()["items"]}
    for name in ("Asha", "Ben", "Asha again"):
        consent = {"marketing": True, "how": "signup form"}
        assert client.put(f"{BASE}/clients/{ids[name]}/consent", json=consent, headers=owner).status_code == 200
    made = client.post(f"{BASE}/segments", json={"name": "All", "filters": {"no_visit_in_days": 1}}, headers=owner)
    assert made.status_code == 201, made.get_json()
    return client, ids, made.get_json()["id"]


def test_consenting_clients_come_once_per_address(book):
    client, ids, segment = book
    answer = client.get(_recipients_path(segment), headers=AUTH)
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    assert body["segment"] == {"id": segment, "name": "All"}
    assert body["total"] == 2
    assert [item["client_id"] for item in body["items"]] == sorted([ids["Asha"], ids["Ben"]])
    limited = client.get(_recipients_path(segment), query_string={"limit": 1}, headers=AUTH).get_json()
    assert (limited["total"], len(limited["items"])) == (2, 1)


def test_only_the_service_token_opens_it(book):
    client, _ids, segment = book
    assert client.get(_recipients_path(segment)).status_code == 401
    assert client.get(_recipients_path(segment), headers=staff_token("owner")).status_code == 401
    other = client.get(_recipients_path(segment, STUDIO + 1), headers=AUTH)
    assert other.status_code == 404
    assert other.get_json()["error"]["code"] == "segment_not_found"
    bad = client.get(_recipients_path(segment), query_string={"limit": 0}, headers=AUTH)
    assert bad.status_code in (400, 422)
    assert "limit" in bad.get_json()["error"]["details"]


def _withdrawal(client_id, at: dt.datetime, user_id=None, studio: int = STUDIO) -> dict:
    return {
        "notification_id": f"w-{client_id}-{at.timestamp():.0f}-{studio}",
        "type": "marketing_consent_withdrawn",
        "user_id": user_id,
        "studio_id": studio,
        "timestamp": at.isoformat(),
        "message": "Unsubscribed from a marketing email",
        "data": {"client_id": client_id},
    }


def test_a_withdrawal_refuses_consent_and_leaves_the_list(book):
    client, ids, segment = book
    clicked = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)  # after the consent the fixture recorded
    other = _withdrawal(ids["Asha"], clicked, studio=STUDIO + 1)
    assert client.post("/notify", json=other, headers=AUTH).status_code == 201
    assert client.post("/notify", json=_withdrawal(ids["Asha"], clicked), headers=AUTH).status_code == 201
    profile = client.get(f"{BASE}/clients/{ids['Asha']}", headers=staff_token("owner")).get_json()
    assert profile["consent"]["marketing"] is False
    assert profile["consent"]["how"] == "unsubscribe link in a marketing email"
    items = client.get(_recipients_path(segment), headers=AUTH).get_json()["items"]
    assert [item["client_id"] for item in items] == sorted([ids["Ben"], ids["Asha again"]])
    # Stored as any notification: listed, with no account (a guest client may unsubscribe too).
    listed = client.get("/notifications", query_string={"type": "marketing_consent_withdrawn"}, headers=AUTH)
    assert listed.status_code == 200, listed.get_json()
    assert {item["user"]["id"] for item in listed.get_json()["items"]} == {None}


def test_consent_given_after_the_click_is_kept(book):
    client, ids, _segment = book
    stale = _withdrawal(ids["Ben"], NOW - 30 * DAY, user_id=457)
    assert client.post("/notify", json=stale, headers=AUTH).status_code == 201
    profile = client.get(f"{BASE}/clients/{ids['Ben']}", headers=staff_token("owner")).get_json()
    assert profile["consent"]["marketing"] is True
