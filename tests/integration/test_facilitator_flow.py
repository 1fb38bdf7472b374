"""A facilitator runs her sessions through the real services; users and the CRM see every change."""

from datetime import UTC, datetime, timedelta

import pytest
import requests
from live_stack import SERVICE_TOKEN, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.both_databases]


def _crm(stack, **filters) -> list[dict]:
    response = requests.get(
        f"{stack.crm_url}/notifications",
        params={"per_page": 100, **filters},
        headers={"Authorization": f"Bearer {SERVICE_TOKEN}"},
        timeout=10,
    )
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_priya_edits_and_cancels_a_session_users_and_crm_see_it(shared_stack, db_backend):
    stack = shared_stack(db_backend)
    priya_id, priya = stack.login_as("priya", "priya123")
    base = f"{stack.main_url}/api/facilitator/{priya_id}"
    starts = (datetime.now(UTC) + timedelta(days=9)).replace(microsecond=0)
    created = requests.post(
        f"{base}/events",
        headers=priya,
        timeout=10,
        json={
            "title": "Full Moon Meditation",
            "kind": "session",
            "timezone": "Asia/Kolkata",
            "location": "Studio",
            "sessions": [
                {"starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=1)).isoformat(), "capacity": 10}
            ],
        },
    )
    assert created.status_code == 201, created.text
    event_id, session_id = created.json()["id"], created.json()["sessions"][0]["id"]

    # Three people book.
    tokens = [stack.login(email) for email in stack.add_users(3)]
    booking_ids = []
    for token in tokens:
        response = stack.book(token, session_id)
        assert response.status_code == 201, response.text
        booking_ids.append(response.json()["id"])

    # Priya moves the session and changes its capacity; the catalogue shows it.
    new_start = starts + timedelta(days=1, hours=2)
    edited = requests.put(
        f"{base}/sessions/{session_id}",
        headers=priya,
        timeout=10,
        json={
            "starts_at": new_start.isoformat(),
            "ends_at": (new_start + timedelta(hours=2)).isoformat(),
            "capacity": 6,
        },
    )
    assert edited.status_code == 200, edited.text
    listed = requests.get(f"{stack.main_url}/events/{event_id}", timeout=10).json()["sessions"][0]
    assert (datetime.fromisoformat(listed["starts_at"]), listed["capacity"], listed["seats_left"]) == (new_start, 6, 3)
    # Not below the seats taken.
    refused = requests.put(f"{base}/sessions/{session_id}", headers=priya, json={"capacity": 2}, timeout=10)
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "capacity_below_bookings")

    # The same edit through the CRM's seed 004 route is forwarded with her own token.
    renamed = requests.put(
        f"{stack.crm_url}/api/facilitator/{priya_id}/events/{event_id}",
        headers=priya,
        json={"title": "Full Moon Meditation (moved)"},
        timeout=10,
    )
    assert renamed.status_code == 200, renamed.text
    assert (
        requests.get(f"{stack.main_url}/events/{event_id}", timeout=10).json()["title"]
        == "Full Moon Meditation (moved)"
    )

    # Priya cancels: the three users see it with her reason.
    cancelled = requests.post(
        f"{base}/sessions/{session_id}/cancel", headers=priya, json={"reason": "Studio flooded"}, timeout=10
    )
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["bookings_cancelled"] == 3
    for token in tokens:
        [mine] = requests.get(
            f"{stack.main_url}/bookings", headers={"Authorization": f"Bearer {token}"}, timeout=10
        ).json()["items"]
        assert (mine["status"], mine["cancel_reason"]) == ("cancelled", "Studio flooded")

    # The CRM stored each notification exactly once.
    def stored_all():
        cancels = _crm(stack, type="booking_cancelled", facilitator_id=priya_id)
        return len(cancels) >= 3 and _crm(stack, type="session_cancelled", session_id=session_id)

    wait_for(stored_all, timeout=10, message="cancellations stored in the CRM")
    cancels = _crm(stack, type="booking_cancelled", facilitator_id=priya_id)
    assert sorted(n["booking_id"] for n in cancels) == sorted(booking_ids)
    assert {n["data"]["cancel_reason"] for n in cancels} == {"Studio flooded"}
    assert len(_crm(stack, type="session_cancelled", session_id=session_id)) == 1
    updated = _crm(stack, type="session_updated", session_id=session_id)
    assert len(updated) == 1 and updated[0]["data"]["changes"]["capacity"] == {"from": 10, "to": 6}
    assert len(_crm(stack, type="event_updated", event_id=event_id)) == 1

    # Priya's own CRM inbox holds them: her own changes arrived read, and her cancellation is one entry that
    # stands for the three bookings it ended. Her bookings view, read from the CRM, shows all three cancelled.
    inbox = requests.get(f"{stack.crm_url}/notifications", headers=priya, params={"per_page": 100}, timeout=10).json()
    assert {n["facilitator_id"] for n in inbox["items"]} == {priya_id}
    assert inbox["unread"] >= 3  # the three bookings (and the demo data's)
    mine = [n for n in inbox["items"] if n["event"]["id"] == event_id and n["type"].startswith(("event_", "session_"))]
    assert {n["read"] for n in mine} == {True}
    [cancellation] = [n for n in mine if n["type"] == "session_cancelled"]
    assert (cancellation["batch"]["count"], cancellation["batch"]["unread"]) == (3, 0)
    assert not [n for n in inbox["items"] if n["type"] == "booking_cancelled" and n["booking_id"] in booking_ids]
    members = requests.get(
        f"{stack.crm_url}/notifications",
        headers=priya,
        params={"batch_id": cancellation["batch"]["id"]},
        timeout=10,
    ).json()["items"]
    assert sorted(n["booking_id"] for n in members) == sorted(booking_ids)
    crm_bookings = requests.get(
        f"{stack.crm_url}/api/facilitator/{priya_id}/bookings",
        headers=priya,
        params={"session_id": session_id},
        timeout=10,
    ).json()["items"]
    assert sorted((b["booking_id"], b["status"]) for b in crm_bookings) == sorted((i, "cancelled") for i in booking_ids)


def test_a_studios_crm_inbox_answers_its_owner_and_refuses_anyone_else(shared_stack, db_backend):
    """The main API's token names the studios whose inbox its holder may read; the CRM, sharing only the signing
    key, lets priya (her studio's owner) read her studio's and refuses a user who belongs to none."""
    stack = shared_stack(db_backend)
    _priya_id, priya = stack.login_as("priya", "priya123")
    studios = requests.get(f"{stack.main_url}/api/studios", headers=priya, timeout=10).json()["items"]
    [studio] = [one for one in studios if one["my_role"] == "owner"]
    query = {"studio_id": studio["id"], "per_page": 100}

    inbox = requests.get(f"{stack.crm_url}/notifications", headers=priya, params=query, timeout=10)
    stranger = {"Authorization": f"Bearer {stack.login(stack.add_users(1)[0])}"}
    refused = requests.get(f"{stack.crm_url}/notifications", headers=stranger, params=query, timeout=10)

    assert inbox.status_code == 200, inbox.text
    assert {item["studio_id"] for item in inbox.json()["items"]} <= {studio["id"]}
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
