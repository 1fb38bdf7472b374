"""POST /notify: the three shapes, validation, auth and exactly-once storage."""

import datetime as dt
import json

import pytest
from crm_payloads import AUTH, SEED_FLAT, SEED_NESTED, SEED_TYPED, SERVICE_TOKEN, assert_error, body

from service_kit.errors import UNKNOWN_FIELD


def assert_recent(iso: str) -> None:
    """An ISO time with a +00:00 offset, within the last minute."""
    assert iso.endswith("+00:00")
    age = dt.datetime.now(dt.UTC) - dt.datetime.fromisoformat(iso)
    assert dt.timedelta(0) <= age < dt.timedelta(minutes=1)


# --- the three shapes ---------------------------------------------------------------------------


def test_seed_000_body_is_stored_nested(service_client):
    response = service_client.post("/notify", json=SEED_NESTED)

    assert response.status_code == 201
    result = response.get_json()
    assert result["status"] == "stored"
    assert result["duplicate"] is False
    notification = result["notification"]
    assert len(notification["notification_id"]) == 32  # a generated uuid4 hex
    assert_recent(notification.pop("received_at"))
    notification.pop("notification_id")
    assert notification == {
        "id": 1,
        "type": "booking_created",
        "source_format": "nested",
        "booking_id": 123,
        "session_id": None,
        "facilitator_id": 101,
        "studio_id": None,  # seed 000's shape names none
        "user": {"id": 456, "name": "Test User", "email": "test@example.com"},
        "event": {"id": 789, "title": "Test Event", "start_date": "2024-01-15T09:00:00"},
        "message": None,
        "data": {},
        "occurred_at": None,
        "read": False,
        "read_at": None,
        "batch_id": None,
        "batch": None,
    }


def test_nested_optional_extras_are_kept(service_client):
    payload = body(
        SEED_NESTED,
        type="booking_reactivated",
        session_id=55,
        occurred_at="2024-01-10T12:00:00+02:00",
        notification_id="outbox:42",
        message="Reactivated",
        data={"seats_left": 3},
    )

    notification = service_client.post("/notify", json=payload).get_json()["notification"]

    assert notification["type"] == "booking_reactivated"
    assert notification["session_id"] == 55
    assert notification["occurred_at"] == "2024-01-10T10:00:00+00:00"
    assert notification["notification_id"] == "outbox:42"
    assert notification["message"] == "Reactivated"
    assert notification["data"] == {"seats_left": 3}


def test_seed_004_flat_body_is_stored(service_client):
    response = service_client.post("/notify", json=SEED_FLAT)

    assert response.status_code == 201
    notification = response.get_json()["notification"]
    assert notification["source_format"] == "flat"
    assert notification["type"] == "booking_created"
    assert notification["booking_id"] == 101
    assert notification["facilitator_id"] == 2
    assert notification["user"] == {"id": None, "name": "Bhavin", "email": None}
    assert notification["event"] == {"id": None, "title": "Meditation Retreat", "start_date": None}


def test_seed_001_typed_body_takes_ids_from_data(service_client):
    response = service_client.post("/notify", json=SEED_TYPED)

    assert response.status_code == 201
    notification = response.get_json()["notification"]
    assert notification["source_format"] == "typed"
    assert notification["type"] == "booking_created"
    assert notification["user"] == {"id": 123, "name": None, "email": None}
    assert notification["booking_id"] == 456
    assert notification["session_id"] == 789
    assert notification["event"]["id"] is None
    assert notification["facilitator_id"] is None
    assert notification["message"] == "Booking 456 created"
    assert notification["data"] == {"booking_id": 456, "session_id": 789, "session_name": "Yoga Class"}
    assert notification["occurred_at"] == "2024-01-15T03:30:00+00:00"


def test_typed_accepts_notification_type_and_no_data(service_client):
    payload = {"notification_type": "user.registered", "user_id": 7, "message": "New user registered"}

    notification = service_client.post("/notify", json=payload).get_json()["notification"]

    assert notification["type"] == "user.registered"
    assert notification["data"] == {}
    assert notification["booking_id"] is None
    assert notification["occurred_at"] is None


def test_typed_accepts_the_seed_clients_argument_names(service_client):
    """The seed 001 client's send_notification(notification_type, user_id, message, additional_data) posted as named."""
    payload = {
        "notification_type": "booking.created",
        "user_id": 7,
        "message": "Booking 456 created",
        "additional_data": {"booking_id": 456, "session_name": "Yoga Class"},
    }

    answer = service_client.post("/notify", json=payload)

    assert answer.status_code == 201, answer.get_json()
    notification = answer.get_json()["notification"]
    assert notification["type"] == "booking.created"
    assert notification["data"] == {"booking_id": 456, "session_name": "Yoga Class"}
    assert notification["booking_id"] == 456


def test_data_and_additional_data_together_are_a_400_naming_additional_data(service_client):
    payload = {"type": "booking.created", "user_id": 7, "message": "m", "data": {}, "additional_data": {"a": 1}}

    assert_error(service_client.post("/notify", json=payload), 400, "validation_error", ("additional_data",))


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (body(SEED_NESTED, extra="x"), "extra"),
        (body(SEED_NESTED, user={**SEED_NESTED["user"], "role": "admin"}), "user.role"),
        (body(SEED_FLAT, video_url="https://example.com"), "video_url"),
        (body(SEED_TYPED, sesion_id=7), "sesion_id"),
    ],
    ids=["nested", "inside user", "flat", "typed"],
)
def test_an_unknown_field_is_400_naming_it_and_nothing_is_stored(service_client, payload, field):
    response = service_client.post("/notify", json=payload)

    assert assert_error(response, 400, "validation_error", (field,))["details"][field] == [UNKNOWN_FIELD]
    assert service_client.get("/notifications").get_json()["total"] == 0


def test_data_stays_free_form_whatever_keys_it_holds(service_client):
    data = {"actor": {"id": 1, "role": "user", "via": "app"}, "booking_id": 5, "anything": {"else": [1]}}

    response = service_client.post("/notify", json=body(SEED_TYPED, data=data))

    assert response.status_code == 201, response.get_json()
    assert response.get_json()["notification"]["data"] == data


# --- validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (body(SEED_NESTED, booking_id=...), "booking_id"),
        (body(SEED_NESTED, facilitator_id=...), "facilitator_id"),
        (body(SEED_NESTED, event=...), "event"),
        (body(SEED_NESTED, booking_id="123"), "booking_id"),
        (body(SEED_NESTED, booking_id=True), "booking_id"),
        (body(SEED_NESTED, booking_id=12.5), "booking_id"),
        (body(SEED_NESTED, facilitator_id=0), "facilitator_id"),
        (body(SEED_NESTED, user={"id": 456, "name": "Test User"}), "user.email"),
        (body(SEED_NESTED, user={"id": 456, "name": "Test User", "email": "not-an-email"}), "user.email"),
        (body(SEED_NESTED, user={"id": "456", "name": "Test User", "email": "t@example.com"}), "user.id"),
        (
            body(SEED_NESTED, event={"id": 789, "title": "Test Event", "start_date": "2024-13-45T09:00"}),
            "event.start_date",
        ),
        (body(SEED_NESTED, event={"id": 789, "title": "", "start_date": "2024-01-15T09:00:00"}), "event.title"),
        (body(SEED_NESTED, type="Booking Created"), "type"),
        (body(SEED_NESTED, occurred_at="yesterday"), "occurred_at"),
        (body(SEED_NESTED, notification_id="has space"), "notification_id"),
        (body(SEED_NESTED, data=[1, 2]), "data"),
        (body(SEED_NESTED, message="x" * 2001), "message"),
        (body(SEED_FLAT, user="   "), "user"),
        (body(SEED_FLAT, event="x" * 501), "event"),
        (body(SEED_FLAT, booking_id=...), "booking_id"),
        (body(SEED_TYPED, user_id=...), "user_id"),
        (body(SEED_TYPED, message=...), "message"),
        (body(SEED_TYPED, timestamp="15/01/2024"), "timestamp"),
        (body(SEED_TYPED, data={"booking_id": "456"}), "data.booking_id"),
        (body(SEED_TYPED, data={"session_id": False}), "data.session_id"),
        ({"booking_id": 1, "user": 5, "event": "x", "facilitator_id": 2}, "user"),
        # data.actor and data.batch_id, in any shape.
        (body(SEED_NESTED, data={"actor": 101}), "data.actor"),
        (body(SEED_NESTED, data={"actor": "priya"}), "data.actor"),
        (body(SEED_NESTED, data={"actor": {"role": "facilitator"}}), "data.actor.id"),
        (body(SEED_NESTED, data={"actor": {"id": "101"}}), "data.actor.id"),
        (body(SEED_NESTED, data={"actor": {"id": True}}), "data.actor.id"),
        (body(SEED_NESTED, data={"actor": {"id": 0}}), "data.actor.id"),
        (body(SEED_NESTED, data={"actor": {"id": 2**40}}), "data.actor.id"),
        (body(SEED_FLAT, data={"actor": {"id": 2, "role": "owner"}}), "data.actor.role"),
        (body(SEED_TYPED, data={"actor": {"id": 2, "role": 7}}), "data.actor.role"),
        (body(SEED_NESTED, data={"batch_id": 5}), "data.batch_id"),
        (body(SEED_TYPED, data={"batch_id": "has space"}), "data.batch_id"),
        (body(SEED_FLAT, data={"batch_id": ["a"]}), "data.batch_id"),
    ],
)
def test_invalid_body_is_400_naming_the_field(service_client, payload, field):
    response = service_client.post("/notify", json=payload)

    error = assert_error(response, 400, "validation_error", (field,))
    assert all(isinstance(message, str) for message in error["details"][field])


def test_body_of_no_known_shape_names_the_missing_fields(service_client):
    response = service_client.post("/notify", json={"booking_id": 1, "facilitator_id": 2})

    error = assert_error(response, 400, "validation_error", ("user", "type"))
    assert set(error["details"]) == {"user", "type"}


@pytest.mark.parametrize("payload", [[SEED_NESTED], "text", 42, None])
def test_non_object_json_body_is_400(service_client, payload):
    response = service_client.post("/notify", data=json.dumps(payload), content_type="application/json")

    assert_error(response, 400, "validation_error", ("body",))


@pytest.mark.parametrize("raw", ['{"booking_id": 123,', "", "{'single': 'quotes'}"])
def test_malformed_json_is_400_invalid_json(service_client, raw):
    response = service_client.post("/notify", data=raw, content_type="application/json")

    assert_error(response, 400, "invalid_json", ("body",))


def test_wrong_content_type_is_400(service_client):
    response = service_client.post("/notify", data="booking_id=123", content_type="application/x-www-form-urlencoded")

    assert_error(response, 400, "invalid_content_type", ("body",))


def test_invalid_idempotency_key_is_400(service_client):
    response = service_client.post("/notify", json=SEED_NESTED, headers={"Idempotency-Key": "x" * 65})

    assert_error(response, 400, "validation_error", ("Idempotency-Key",))


def test_oversized_body_is_413_json(service_client):
    payload = body(SEED_NESTED, data={"blob": "x" * 70_000})

    assert_error(service_client.post("/notify", json=payload), 413, "request_entity_too_large")


# --- auth ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-token"},
        {"Authorization": f"Bearer {SERVICE_TOKEN}x"},
        {"Authorization": SERVICE_TOKEN},
        {"Authorization": f"Basic {SERVICE_TOKEN}"},
        {"Authorization": "Bearer "},
        {"Authorization": "Bearer naïve-token"},
    ],
)
def test_missing_or_wrong_token_is_401(client, headers):
    response = client.post("/notify", json=SEED_NESTED, headers=headers)

    assert_error(response, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert client.get("/notifications", headers=AUTH).get_json()["total"] == 0


def test_auth_is_checked_before_the_body(client):
    response = client.post("/notify", data="not json", content_type="text/plain")

    assert_error(response, 401, "unauthorized")


def test_scheme_is_case_insensitive(client):
    response = client.post("/notify", json=SEED_NESTED, headers={"Authorization": f"bearer {SERVICE_TOKEN}"})

    assert response.status_code == 201


# --- exactly once -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "extra"),
    [
        ({"Idempotency-Key": "5f0c2a1e-outbox"}, {}),
        ({"webhook-id": "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"}, {}),
        ({}, {"notification_id": "booking-123-created"}),
    ],
    ids=["idempotency-key", "webhook-id", "body"],
)
def test_repeat_of_an_id_is_stored_once(service_client, headers, extra):
    first = service_client.post("/notify", json=body(SEED_NESTED, **extra), headers=headers)
    # A retry may differ in content; the first version stays.
    second = service_client.post("/notify", json=body(SEED_NESTED, booking_id=999, **extra), headers=headers)

    assert first.status_code == 201
    assert second.status_code == 200
    assert second.get_json()["status"] == "duplicate"
    assert second.get_json()["duplicate"] is True
    assert second.get_json()["notification"] == first.get_json()["notification"]
    assert second.get_json()["notification"]["booking_id"] == 123
    listing = service_client.get("/notifications").get_json()
    assert listing["total"] == 1


def test_idempotency_key_wins_over_webhook_id_and_body(service_client):
    payload = body(SEED_NESTED, notification_id="from-body")

    response = service_client.post("/notify", json=payload, headers={"Idempotency-Key": "key-1", "webhook-id": "wh-1"})

    assert response.get_json()["notification"]["notification_id"] == "key-1"


def test_without_any_id_each_post_is_stored(service_client):
    ids = {
        service_client.post("/notify", json=SEED_NESTED).get_json()["notification"]["notification_id"] for _ in range(2)
    }

    assert len(ids) == 2
    assert service_client.get("/notifications").get_json()["total"] == 2


def test_the_answer_shows_the_notification_as_the_documented_schema_does(any_service_client):
    """/notify's answer is built without marshmallow: it must read as NotificationOutSchema writes the same record
    (the list's items), date-times included, when stored and when repeated."""
    payload = body(
        SEED_NESTED,
        notification_id="answer-1",
        occurred_at="2026-03-01T10:00:00+02:00",
        data={"actor": OWN, "batch_id": "summary-1", "seats_left": 3},
    )

    stored = any_service_client.post("/notify", json=payload).get_json()
    repeated = any_service_client.post("/notify", json=payload).get_json()
    listed = any_service_client.get("/notifications?batch_id=summary-1").get_json()["items"]

    assert (stored["status"], stored["duplicate"], repeated["status"], repeated["duplicate"]) == (
        "stored",
        False,
        "duplicate",
        True,
    )
    assert stored["notification"]["occurred_at"] == "2026-03-01T08:00:00+00:00"
    assert stored["notification"]["read_at"] is not None
    assert listed == [stored["notification"]] == [repeated["notification"]]


def test_json_store_dedupes_too(json_service_client):
    headers = {"Idempotency-Key": "same"}

    codes = [json_service_client.post("/notify", json=SEED_FLAT, headers=headers).status_code for _ in range(3)]

    assert codes == [201, 200, 200]
    assert json_service_client.get("/notifications").get_json()["total"] == 1


# --- who made the change: data.actor ------------------------------------------------------------

OWN = {"id": 101, "role": "facilitator"}


@pytest.mark.parametrize(
    "payload",
    [
        body(SEED_NESTED, type="booking_cancelled", data={"actor": OWN, "cancel_reason": "Ill"}),
        body(SEED_FLAT, facilitator_id=101, data={"actor": OWN}),
        body(SEED_TYPED, type="session_cancelled", user_id=101, facilitator_id=101, data={"actor": OWN}),
        body(SEED_TYPED, type="event_updated", user_id=101, data={"facilitator_id": 101, "actor": {"id": 101}}),
    ],
    ids=["nested", "flat", "typed", "typed-ids-in-data"],
)
def test_the_facilitators_own_action_arrives_read(service_client, payload):
    notification = service_client.post("/notify", json=payload).get_json()["notification"]

    assert notification["read"] is True
    assert notification["read_at"] == notification["received_at"]
    assert notification["data"]["actor"] == payload["data"]["actor"]  # kept as sent


@pytest.mark.parametrize(
    "data",
    [
        {},  # older shapes, other senders
        {"actor": None},
        {"actor": {"id": 456, "role": "user"}},  # the person who booked
        {"actor": {"id": 1, "role": "admin"}},
        {"actor": {"id": 102, "role": "facilitator"}},  # another facilitator
    ],
    ids=["no-actor", "null", "user", "admin", "other-facilitator"],
)
def test_anyone_elses_action_arrives_unread(service_client, data):
    notification = service_client.post("/notify", json=body(SEED_NESTED, data=data)).get_json()["notification"]

    assert (notification["read"], notification["read_at"]) == (False, None)


def test_an_actor_without_a_facilitator_arrives_unread(service_client):
    payload = body(SEED_TYPED, type="user_registered", data={"actor": {"id": 123, "role": "user"}})

    notification = service_client.post("/notify", json=payload).get_json()["notification"]

    assert (notification["facilitator_id"], notification["read"]) == (None, False)


def test_a_batch_member_keeps_its_batch_id_and_a_summary_cannot_be_its_own_member(service_client):
    member = service_client.post("/notify", json=body(SEED_NESTED, data={"batch_id": "summary-1"})).get_json()
    itself = service_client.post(
        "/notify", json=body(SEED_NESTED, data={"batch_id": "self-1"}), headers={"Idempotency-Key": "self-1"}
    ).get_json()

    assert member["notification"]["batch_id"] == "summary-1"
    assert itself["notification"]["batch_id"] is None


def test_a_notification_keeps_its_studio_in_every_shape_that_names_one(service_client):
    nested = service_client.post("/notify", json=body(SEED_NESTED, studio_id=7))
    typed = {"type": "event_updated", "user_id": 5, "message": "Renamed", "studio_id": 7, "facilitator_id": 101}
    assert nested.status_code == 201 and service_client.post("/notify", json=typed).status_code == 201
    found = service_client.get("/notifications?studio_id=7").get_json()["items"]
    assert sorted(item["type"] for item in found) == ["booking_created", "event_updated"]
    assert {item["studio_id"] for item in found} == {7}
    assert service_client.get("/notifications?studio_id=8").get_json()["items"] == []
