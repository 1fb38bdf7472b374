"""One action that touches many bookings is one inbox entry: a batch's summary stands for its members (both stores)."""

import datetime as dt

import pytest
from crm_payloads import SEED_NESTED, SEED_TYPED, body
from crm_tokens import FACILITATOR_ID, OTHER_FACILITATOR_ID

from crm_microservice.services.notifications import build_record
from crm_microservice.storage import get_store

T0 = dt.datetime(2024, 3, 1, 12, 0, tzinfo=dt.UTC)
SUMMARY = "session-cancelled-1"
OWN = {"id": FACILITATOR_ID, "role": "facilitator"}


def member(booking_id: int, *, actor: dict | None = OWN, batch_id: str = SUMMARY, **changes) -> dict:
    """A booking_cancelled that is part of the batch."""
    data = {"batch_id": batch_id, "cancel_reason": "Studio flooded", **({"actor": actor} if actor else {})}
    return body(SEED_NESTED, type="booking_cancelled", booking_id=booking_id, data=data, **changes)


def summary(*, actor: dict | None = OWN, notification_id: str = SUMMARY, **changes) -> dict:
    """The session_cancelled the members point to."""
    data = {"changes": {"reason": "Studio flooded", "bookings_cancelled": 3}, **({"actor": actor} if actor else {})}
    fields = {"type": "session_cancelled", "user_id": FACILITATOR_ID, "facilitator_id": FACILITATOR_ID}
    return body(SEED_TYPED, **{**fields, "notification_id": notification_id, "data": data, **changes})


def store_all(app, payloads: list[dict], start: int = 0) -> list[int]:
    """Store payloads received a minute apart (from T0 + start minutes); their ids."""
    with app.app_context():
        store = get_store(app)
        return [
            store.add(build_record(payload, {}, now=T0 + dt.timedelta(minutes=start + n)))[0]["id"]
            for n, payload in enumerate(payloads)
        ]


def listing(client, query: str = "") -> dict:
    response = client.get(f"/notifications{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def entries(page: dict) -> list[tuple]:
    return [(item["id"], item["read"], item["batch"]) for item in page["items"]]


def unread_count(client) -> int:
    return client.get("/notifications/unread-count").get_json()["unread"]


@pytest.fixture
def cancelled(any_app):
    """1: a booking (unread); 2-4: the facilitator's cancellation of its session, members then summary (5), all
    read as her own; 6: another facilitator's booking."""
    ids = store_all(
        any_app,
        [
            body(SEED_NESTED, booking_id=1),
            member(2),
            member(3),
            member(4),
            summary(),
            body(SEED_NESTED, booking_id=9, facilitator_id=OTHER_FACILITATOR_ID),
        ],
    )
    assert ids == [1, 2, 3, 4, 5, 6]


def test_a_batch_is_one_entry_standing_for_its_members(any_facilitator_client, cancelled):
    page = listing(any_facilitator_client)

    assert entries(page) == [(5, True, {"id": SUMMARY, "count": 3, "unread": 0}), (1, False, None)]
    assert (page["total"], page["pages"], page["unread"]) == (2, 1, 1)
    assert page["items"][0]["type"] == "session_cancelled"
    assert unread_count(any_facilitator_client) == 1


def test_its_members_are_listed_by_batch_id_and_paginated(any_facilitator_client, cancelled):
    page = listing(any_facilitator_client, f"?batch_id={SUMMARY}")

    assert [(item["id"], item["batch_id"], item["batch"], item["read"]) for item in page["items"]] == [
        (4, SUMMARY, None, True),
        (3, SUMMARY, None, True),
        (2, SUMMARY, None, True),
    ]
    assert {item["data"]["cancel_reason"] for item in page["items"]} == {"Studio flooded"}
    second = listing(any_facilitator_client, f"?batch_id={SUMMARY}&per_page=2&page=2")
    assert ([item["id"] for item in second["items"]], second["total"], second["pages"]) == ([2], 3, 2)


def test_another_facilitator_gets_nothing_of_the_batch(any_other_facilitator_client, cancelled):
    assert listing(any_other_facilitator_client, f"?batch_id={SUMMARY}")["items"] == []
    assert [item["id"] for item in listing(any_other_facilitator_client)["items"]] == [6]
    assert any_other_facilitator_client.post("/notifications/5/read").status_code == 404


def test_the_service_still_sees_every_notification(any_service_client, cancelled):
    page = listing(any_service_client)

    assert [item["id"] for item in page["items"]] == [6, 5, 4, 3, 2, 1]
    assert {item["batch"] for item in page["items"]} == {None}
    assert [item["id"] for item in listing(any_service_client, f"?batch_id={SUMMARY}")["items"]] == [4, 3, 2]


def test_filters_apply_to_the_entries(any_facilitator_client, cancelled):
    assert [item["id"] for item in listing(any_facilitator_client, "?type=booking_cancelled")["items"]] == []
    assert [item["id"] for item in listing(any_facilitator_client, "?type=session_cancelled")["items"]] == [5]
    assert [item["id"] for item in listing(any_facilitator_client, "?unread=true")["items"]] == [1]
    assert [item["id"] for item in listing(any_facilitator_client, "?unread=false")["items"]] == [5]


def test_an_unread_batch_counts_once_and_reading_its_summary_reads_the_members(any_app, any_facilitator_client):
    # Another sender's batch: no actor, so all of it arrives unread.
    store_all(any_app, [member(1, actor=None), member(2, actor=None), summary(actor=None)])
    assert entries(listing(any_facilitator_client)) == [(3, False, {"id": SUMMARY, "count": 2, "unread": 2})]
    assert unread_count(any_facilitator_client) == 1

    marked = any_facilitator_client.post("/notifications/3/read").get_json()

    assert marked["read"] is True
    assert unread_count(any_facilitator_client) == 0
    assert entries(listing(any_facilitator_client)) == [(3, True, {"id": SUMMARY, "count": 2, "unread": 0})]
    members = listing(any_facilitator_client, f"?batch_id={SUMMARY}")["items"]
    assert {item["read_at"] for item in members} == {marked["read_at"]}


def test_a_member_unread_after_its_summary_was_read_makes_the_entry_unread(any_app, any_facilitator_client):
    store_all(any_app, [member(1), summary()])
    store_all(any_app, [member(2, actor=None)], start=5)

    page = listing(any_facilitator_client, "?unread=true")

    assert entries(page) == [(2, False, {"id": SUMMARY, "count": 2, "unread": 1})]
    assert page["items"][0]["read_at"] is not None  # the summary itself was read on arrival
    assert (page["unread"], unread_count(any_facilitator_client)) == (1, 1)


def test_members_that_arrive_before_their_summary_are_one_entry_until_it_comes(any_app, any_facilitator_client):
    # The outbox delivers each message on its own: the summary may come last, after retries.
    store_all(any_app, [member(1, actor=None), member(2, actor=None), member(3, actor=None)])

    page = listing(any_facilitator_client)
    assert entries(page) == [(3, False, {"id": SUMMARY, "count": 3, "unread": 3})]  # the newest member stands in
    assert (page["total"], page["unread"]) == (1, 1)

    store_all(any_app, [summary(actor=None)], start=5)

    page = listing(any_facilitator_client)
    assert entries(page) == [(4, False, {"id": SUMMARY, "count": 3, "unread": 3})]
    assert (page["total"], page["unread"]) == (1, 1)


def test_reading_the_stand_in_member_reads_its_fellows(any_app, any_facilitator_client):
    store_all(any_app, [member(1, actor=None), member(2, actor=None), body(SEED_NESTED, booking_id=7)])

    assert any_facilitator_client.post("/notifications/2/read").status_code == 200

    assert entries(listing(any_facilitator_client)) == [
        (3, False, None),
        (2, True, {"id": SUMMARY, "count": 2, "unread": 0}),
    ]
    assert unread_count(any_facilitator_client) == 1


def test_members_pointing_to_someone_elses_notification_stay_in_their_own_inbox(
    any_app, any_facilitator_client, any_other_facilitator_client
):
    theirs = summary(actor=None, facilitator_id=OTHER_FACILITATOR_ID, notification_id="theirs")
    store_all(any_app, [theirs, member(1, actor=None, batch_id="theirs"), member(2, actor=None, batch_id="theirs")])

    assert entries(listing(any_facilitator_client)) == [(3, False, {"id": "theirs", "count": 2, "unread": 2})]
    assert entries(listing(any_other_facilitator_client)) == [(1, False, None)]
    any_facilitator_client.post("/notifications/3/read")
    assert unread_count(any_other_facilitator_client) == 1


def test_mark_all_read_reads_the_batches_too(any_app, any_facilitator_client):
    store_all(any_app, [member(1, actor=None), summary(actor=None), body(SEED_NESTED, booking_id=7)])

    answer = any_facilitator_client.post("/notifications/read-all").get_json()

    assert answer == {"marked": 2, "unread": 0}  # entries, as the badge counted them
    assert [item["read"] for item in listing(any_facilitator_client)["items"]] == [True, True]


def test_a_promotion_from_the_waiting_list_is_one_unread_entry_for_its_booking(any_app, any_facilitator_client):
    # As the main API writes them: the promotion (typed), and its booking pointing to it; both made by the person.
    person = {"id": 456, "role": "user"}
    promoted = body(
        SEED_TYPED,
        type="waitlist_promoted",
        notification_id="promoted-1",
        user_id=456,
        facilitator_id=FACILITATOR_ID,
        booking_id=31,
        message="Test User got a freed seat in Test Event from the waiting list",
        data={"booking_id": 31, "seats_left": 0, "actor": person},
    )
    booked = body(
        SEED_NESTED,
        booking_id=31,
        facilitator_id=FACILITATOR_ID,
        data={"from_waitlist": True, "batch_id": "promoted-1", "actor": person},
    )
    store_all(any_app, [promoted, booked])

    page = listing(any_facilitator_client)

    assert entries(page) == [(1, False, {"id": "promoted-1", "count": 1, "unread": 1})]
    assert page["items"][0]["type"] == "waitlist_promoted"
    assert unread_count(any_facilitator_client) == 1
    any_facilitator_client.post("/notifications/1/read")
    assert unread_count(any_facilitator_client) == 0
