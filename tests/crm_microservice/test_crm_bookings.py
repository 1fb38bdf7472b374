"""GET /api/facilitator/<id>/bookings: the booking notifications folded into each booking's current state
(both stores)."""

import datetime as dt

import pytest
from crm_payloads import SEED_FLAT, SEED_NESTED, SEED_TYPED, body
from crm_tokens import FACILITATOR_ID, OTHER_FACILITATOR_ID

from crm_microservice.services.notifications import build_record
from crm_microservice.storage import get_store

T0 = dt.datetime(2024, 3, 1, 12, 0, tzinfo=dt.UTC)
MINE = f"/api/facilitator/{FACILITATOR_ID}/bookings"
THEIRS = f"/api/facilitator/{OTHER_FACILITATOR_ID}/bookings"


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def change(
    booking_id: int,
    action: str,
    minutes: float,
    *,
    received: float | None = None,
    facilitator_id: int = FACILITATOR_ID,
    event_id: int = 789,
    session_id: int = 9,
    user_id: int = 456,
    reason: str | None = None,
) -> tuple[dict, dt.datetime]:
    """A booking notification as the main API's outbox sends it, and when the CRM received it."""
    payload = body(
        SEED_NESTED,
        type=f"booking_{action}",
        booking_id=booking_id,
        facilitator_id=facilitator_id,
        session_id=session_id,
        occurred_at=at(minutes).isoformat(),
        user={"id": user_id, "name": f"User {user_id}", "email": f"user{user_id}@example.com"},
        event={"id": event_id, "title": f"Event {event_id}", "start_date": "2024-04-01T09:00:00+00:00"},
        data={"booking_status": "cancelled" if action == "cancelled" else "active", "cancel_reason": reason},
    )
    return payload, at(minutes if received is None else received)


def seed(app, changes: list[tuple[dict, dt.datetime]]) -> None:
    with app.app_context():
        store = get_store(app)
        for payload, received_at in changes:
            assert store.add(build_record(payload, {}, now=received_at))[1]


def page_of(client, query: str = "", path: str = MINE) -> dict:
    response = client.get(f"{path}{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def states(page: dict) -> list[tuple[int, str]]:
    return [(item["booking_id"], item["status"]) for item in page["items"]]


def test_created_cancelled_reactivated_is_one_active_booking(any_app, any_facilitator_client):
    seed(any_app, [change(1, "created", 0), change(1, "cancelled", 5, reason="Unwell"), change(1, "reactivated", 9)])

    page = page_of(any_facilitator_client)

    assert page == {
        "items": [
            {
                "booking_id": 1,
                "status": "active",
                "user": {"id": 456, "name": "User 456", "email": "user456@example.com"},
                "event": {"id": 789, "title": "Event 789", "start_date": "2024-04-01T09:00:00+00:00"},
                "session_id": 9,
                "booked_at": "2024-03-01T12:00:00+00:00",
                "updated_at": "2024-03-01T12:09:00+00:00",
                "cancel_reason": None,
            }
        ],
        "page": 1,
        "per_page": 20,
        "total": 1,
        "pages": 1,
    }


def test_a_cancelled_booking_carries_its_reason(any_app, any_facilitator_client):
    seed(any_app, [change(1, "created", 0), change(1, "cancelled", 5, reason="Feeling unwell")])

    [item] = page_of(any_facilitator_client)["items"]

    assert (item["status"], item["cancel_reason"], item["updated_at"]) == (
        "cancelled",
        "Feeling unwell",
        "2024-03-01T12:05:00+00:00",
    )
    assert item["booked_at"] == "2024-03-01T12:00:00+00:00"


def test_occurred_at_decides_not_arrival_order(any_app, any_facilitator_client):
    """A retried delivery can arrive after a later change: the state follows when things happened."""
    seed(
        any_app,
        [
            change(1, "cancelled", 5, received=6),
            change(1, "created", 0, received=30),  # created arrived last
            change(2, "created", 0, received=1),
            change(2, "cancelled", 3, received=40),
            change(2, "reactivated", 3, received=41),  # same occurred_at: received
        ],
    )

    assert sorted(states(page_of(any_facilitator_client))) == [(1, "cancelled"), (2, "active")]


def test_without_occurred_at_the_time_received_counts(any_app, any_facilitator_client):
    flat = body(SEED_FLAT, booking_id=3, facilitator_id=FACILITATOR_ID, type="booking_cancelled")
    seed(any_app, [change(3, "created", 0), (flat, at(10))])

    [item] = page_of(any_facilitator_client)["items"]

    assert (item["status"], item["updated_at"], item["user"]["name"]) == ("cancelled", at(10).isoformat(), "Bhavin")
    assert item["cancel_reason"] is None


def test_a_booking_whose_creation_never_arrived_has_no_booked_at(any_app, any_facilitator_client):
    seed(any_app, [change(4, "reactivated", 2)])

    [item] = page_of(any_facilitator_client)["items"]

    assert (item["status"], item["booked_at"]) == ("active", None)


@pytest.fixture
def many(any_app):
    """Bookings 1-5 of facilitator 101, 6-7 of 102, and notifications that are not bookings."""
    seed(
        any_app,
        [
            change(1, "created", 0, event_id=10, session_id=100),
            change(2, "created", 1, event_id=10, session_id=101),
            change(2, "cancelled", 20, event_id=10, session_id=101, reason="Travel"),
            change(3, "created", 2, event_id=11, session_id=110),
            change(4, "created", 3, event_id=11, session_id=110),
            change(4, "cancelled", 4, event_id=11, session_id=110),
            change(4, "reactivated", 30, event_id=11, session_id=110),
            change(5, "created", 5, event_id=12, session_id=120),
            change(6, "created", 6, facilitator_id=OTHER_FACILITATOR_ID, event_id=20, session_id=200),
            change(7, "created", 7, facilitator_id=OTHER_FACILITATOR_ID, event_id=20, session_id=200),
            (body(SEED_TYPED, type="event_updated", facilitator_id=FACILITATOR_ID, event_id=10, booking_id=1), at(50)),
            (body(SEED_TYPED, type="session_cancelled", facilitator_id=FACILITATOR_ID, booking_id=3), at(51)),
        ],
    )


def test_most_recently_changed_first(any_facilitator_client, many):
    page = page_of(any_facilitator_client)

    assert states(page) == [(4, "active"), (2, "cancelled"), (5, "active"), (3, "active"), (1, "active")]
    assert (page["total"], page["pages"]) == (5, 1)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?status=active", [4, 5, 3, 1]),
        ("?status=cancelled", [2]),
        ("?event_id=10", [2, 1]),
        ("?event_id=11&status=active", [4, 3]),
        ("?session_id=110", [4, 3]),
        ("?session_id=101&status=active", []),
        ("?event_id=20", []),  # another facilitator's event
    ],
)
def test_filters(any_facilitator_client, many, query, expected):
    page = page_of(any_facilitator_client, query)

    assert [item["booking_id"] for item in page["items"]] == expected
    assert page["total"] == len(expected)


def test_pagination(any_facilitator_client, many):
    pages = [page_of(any_facilitator_client, f"?per_page=2&page={n}") for n in (1, 2, 3, 4)]

    assert [[item["booking_id"] for item in page["items"]] for page in pages] == [[4, 2], [5, 3], [1], []]
    assert {(page["total"], page["pages"]) for page in pages} == {(5, 3)}


def test_another_facilitators_bookings_never_appear(any_facilitator_client, any_other_facilitator_client, many):
    assert states(page_of(any_other_facilitator_client, path=THEIRS)) == [(7, "active"), (6, "active")]
    assert {6, 7}.isdisjoint(item["booking_id"] for item in page_of(any_facilitator_client)["items"])
    assert any_facilitator_client.get(THEIRS).status_code == 403


def test_no_bookings_is_an_empty_page(any_facilitator_client):
    assert page_of(any_facilitator_client) == {"items": [], "page": 1, "per_page": 20, "total": 0, "pages": 0}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?status=pending", "status"),
        ("?event_id=x", "event_id"),
        ("?session_id=0", "session_id"),
        ("?per_page=101", "per_page"),
        ("?page=0", "page"),
    ],
)
def test_bad_query_is_400_naming_the_parameter(any_facilitator_client, query, field):
    response = any_facilitator_client.get(f"{MINE}{query}")

    assert response.status_code == 400
    assert list(response.get_json()["error"]["details"]) == [field]


def test_bookings_sent_to_notify_show_up(any_service_client, any_facilitator_client):
    """End to end through POST /notify, as the dispatcher delivers them."""
    for payload, _ in (change(8, "created", 0), change(8, "cancelled", 1, reason="Clash")):
        assert any_service_client.post("/notify", json=payload).status_code == 201

    assert states(page_of(any_facilitator_client)) == [(8, "cancelled")]
