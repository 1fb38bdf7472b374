"""Two clients of the same person made one (timeline and figures become one, reversible for 30 days), and marketing
consent recorded with when, how and by whom."""

import datetime as dt

import pytest
import sqlalchemy as sa
from client_book_payloads import SLUG, booking, staff_token, typed
from crm_payloads import AUTH

from crm_microservice.database import unit_of_work
from crm_microservice.extensions import db
from crm_microservice.models import Client

pytestmark = pytest.mark.both_databases

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
DAY = dt.timedelta(days=1)
SECOND = {"id": 459, "name": "Asha R.", "email": "asha.work@example.com"}
BASE = f"/api/studios/{SLUG}/clients"


@pytest.fixture
def two(app) -> dict:
    """The same person with two accounts: "home" (two bookings, one visit) and "work" (one booking, a visit, paid)."""
    client = app.test_client()
    for payload in (
        booking("booking_created", 1, NOW - 3 * DAY, NOW - 9 * DAY),
        typed("checked_in", NOW - 3 * DAY, booking_id=1),
        booking("booking_created", 2, NOW + DAY, NOW - 8 * DAY),
        booking("booking_created", 3, NOW - 5 * DAY, NOW - 7 * DAY, user=SECOND),
        typed("checked_in", NOW - 5 * DAY, booking_id=3, user_id=459),
        typed("payment_succeeded", NOW - 6 * DAY, booking_id=3, user_id=459, amount_paid=2000, currency="INR"),
    ):
        assert client.post("/notify", json=payload, headers=AUTH).status_code == 201
    items = client.get(BASE, headers=staff_token("owner")).get_json()["items"]
    return {("home" if item["user_id"] == 456 else "work"): item["id"] for item in items}


def test_a_merge_makes_one_profile_and_undoing_it_two_again(app, two):
    client, owner = app.test_client(), staff_token("owner")
    client.post(f"{BASE}/{two['work']}/notes", json={"text": "Comes after work"}, headers=owner)
    before = client.get(f"{BASE}/{two['home']}", headers=owner).get_json()

    merged = client.post(f"{BASE}/{two['work']}/merge", json={"into": two["home"]}, headers=owner)
    profile = client.get(f"{BASE}/{two['home']}", headers=owner).get_json()
    listed = client.get(BASE, headers=owner).get_json()

    assert merged.status_code == 200 and merged.get_json()["merged_into"] == two["home"]
    assert (profile["bookings"], profile["visits"], profile["bookings_ahead"]) == (3, 2, 1)
    assert profile["first_visit_at"] == (NOW - 5 * DAY).isoformat()
    assert profile["money"] == [{"currency": "INR", "spent": 2000, "refunded": 0}]
    assert profile["timeline"]["total"] == 6 and [n["text"] for n in profile["notes"]] == ["Comes after work"]
    assert [m["id"] for m in profile["merged"]] == [two["work"]]
    assert [item["id"] for item in listed["items"]] == [two["home"]]
    assert client.get(f"{BASE}/{two['work']}", headers=owner).status_code == 404

    undone = client.post(f"{BASE}/{two['work']}/unmerge", headers=owner)

    assert undone.status_code == 200
    assert client.get(f"{BASE}/{two['home']}", headers=owner).get_json() == before
    assert client.get(f"{BASE}/{two['work']}", headers=owner).status_code == 200


def test_a_merge_is_final_after_30_days(app, two):
    client, owner = app.test_client(), staff_token("owner")
    client.post(f"{BASE}/{two['work']}/merge", json={"into": two["home"]}, headers=owner)
    with app.app_context(), unit_of_work():
        db.session.execute(sa.update(Client).where(Client.id == two["work"]).values(merged_at=NOW - 31 * DAY))

    late = client.post(f"{BASE}/{two['work']}/unmerge", headers=owner)

    assert late.status_code == 409 and late.get_json()["error"]["code"] == "merge_final"


def test_a_merge_keeps_one_level(app, two):
    client, owner = app.test_client(), staff_token("owner")
    third = booking("booking_created", 9, NOW, NOW, user={"id": 460, "name": "A", "email": "a3@example.com"})
    client.post("/notify", json=third, headers=AUTH)
    third_id = next(i["id"] for i in client.get(BASE, headers=owner).get_json()["items"] if i["user_id"] == 460)
    client.post(f"{BASE}/{third_id}/merge", json={"into": two["work"]}, headers=owner)

    refused = client.post(f"{BASE}/{two['work']}/merge", json={"into": two["home"]}, headers=owner)
    itself = client.post(f"{BASE}/{two['home']}/merge", json={"into": two["home"]}, headers=owner)

    assert refused.status_code == 409 and itself.status_code == 409


def test_consent_is_recorded_with_when_how_and_who(app, two):
    client = app.test_client()
    given = client.put(
        f"{BASE}/{two['home']}/consent",
        json={"marketing": True, "how": "signed form"},
        headers=staff_token("front_desk", 301),
    )
    consent = client.get(f"{BASE}/{two['home']}", headers=staff_token("owner")).get_json()["consent"]
    never = client.get(f"{BASE}/{two['work']}", headers=staff_token("owner")).get_json()["consent"]

    assert given.status_code == 200
    assert consent["marketing"] is True and consent["how"] == "signed form" and consent["recorded_by"] == 301
    assert consent["at"] is not None and never == {"marketing": None, "at": None, "how": None, "recorded_by": None}
