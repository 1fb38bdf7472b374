"""Outbox messages for event and session changes: their exact payloads, and the real CRM storing them."""

from datetime import UTC, datetime, timedelta

import pytest

from crm_microservice.services import notifications as crm_notifications
from crm_microservice.storage import Inbox, get_store
from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import Event, EventSession, OutboxMessage, User, utcnow
from main_app.services.crm.messages import enqueue_event_change, enqueue_session_change

# The payloads are the point, not the CRM's speed: a loaded clean clone once saw the first of a fresh CRM's answers
# take longer than the default 10 s, and a single run_once then left that message to its retry.
PATIENT = 60.0

pytestmark = pytest.mark.both_databases

START = datetime(2031, 3, 4, 7, 30, tzinfo=UTC)
EVENT_FIELDS = {
    "notification_id",
    "type",
    "timestamp",
    "user_id",
    "facilitator_id",
    "studio_id",
    "event_id",
    "message",
    "data",
}
ACTIONS = ["created", "updated", "cancelled"]


@pytest.fixture
def event(make_event):
    """A weekly class with two sessions from START, 8 seats, 3 taken."""
    return make_event(title="Morning Flow", location="Studio 1", at=START, sessions=2, capacity=8, seats_taken=3)


def enqueue_and_commit(app, fn, *ids_and_args):
    """Run an enqueue_* function on freshly loaded rows inside one transaction; returns (id, type, payload)."""
    with app.app_context():
        with unit_of_work():
            message = fn(*ids_and_args)
        return message.id, message.type, message.payload


def event_message(app, event_id: int, action: str, actor_id: int, changes=None):
    def call():
        return enqueue_event_change(db.session.get(Event, event_id), action, db.session.get(User, actor_id), changes)

    return enqueue_and_commit(app, call)


def session_message(app, session_id: int, action: str, actor_id: int, changes=None):
    def call():
        session = db.session.get(EventSession, session_id)
        event = db.session.get(Event, session.event_id)
        return enqueue_session_change(session, event, action, db.session.get(User, actor_id), changes)

    return enqueue_and_commit(app, call)


def assert_recent(timestamp: str):
    at = datetime.fromisoformat(timestamp)
    assert at.utcoffset() == timedelta(0)
    assert abs(at - utcnow()) < timedelta(seconds=30)


EVENT_SUMMARY = {
    "title": "Morning Flow",
    "kind": "session",
    "location": "Studio 1",
    "status": "scheduled",
    "starts_at": "2031-03-04T07:30:00+00:00",
    "ends_at": "2031-03-11T08:30:00+00:00",
}


@pytest.mark.parametrize("action", ACTIONS)
def test_event_change_payload(app, event, facilitator, admin, outbox, action):
    changes = {"title": {"old": "Flow", "new": "Morning Flow"}} if action == "updated" else None
    message_id, message_type, payload = event_message(app, event.id, action, admin.id, changes)
    assert message_type == f"event_{action}"
    assert set(payload) == EVENT_FIELDS
    assert (payload["notification_id"], payload["type"]) == (message_id, f"event_{action}")
    # The actor is whoever changed it; facilitator_id is always the event's own.
    assert (payload["user_id"], payload["facilitator_id"], payload["event_id"]) == (admin.id, facilitator.id, event.id)
    assert payload["message"] == f"Ops Admin {action} the event Morning Flow"
    assert payload["data"] == {
        "event": {"id": event.id, **EVENT_SUMMARY},
        "changes": changes or {},
        "actor": {"id": admin.id, "role": "admin"},  # the CRM files it as read only when it is the facilitator
    }
    assert_recent(payload["timestamp"])
    [row] = outbox()
    assert (row["id"], row["type"], row["status"], row["attempts"], row["payload"]) == (
        message_id,
        f"event_{action}",
        "pending",
        0,
        payload,
    )


@pytest.mark.parametrize("action", ACTIONS)
def test_session_change_payload(app, event, facilitator, outbox, action):
    _first, second = event.session_ids
    changes = {"capacity": {"old": 6, "new": 8}} if action == "updated" else None
    message_id, message_type, payload = session_message(app, second, action, facilitator.id, changes)
    assert message_type == f"session_{action}"
    assert set(payload) == EVENT_FIELDS | {"session_id"}
    assert (payload["notification_id"], payload["type"]) == (message_id, f"session_{action}")
    assert (payload["user_id"], payload["facilitator_id"], payload["event_id"], payload["session_id"]) == (
        facilitator.id,
        facilitator.id,
        event.id,
        second,
    )
    assert payload["message"] == f"Dr. Test Facilitator {action} the Tue 11 Mar 2031, 07:30 UTC session of Morning Flow"
    assert payload["data"] == {
        "event": {"id": event.id, **EVENT_SUMMARY},
        "session": {
            "id": second,
            "starts_at": "2031-03-11T07:30:00+00:00",
            "ends_at": "2031-03-11T08:30:00+00:00",
            "capacity": 8,
            "seats_taken": 3,
            "status": "scheduled",
            "timezone": "UTC",  # the event's clock, which the inbox reads the times on
            "instructor_id": facilitator.id,  # who teaches it: the client book's instructors see its people
        },
        "changes": changes or {},
        "actor": {"id": facilitator.id, "role": "facilitator"},
    }
    assert_recent(payload["timestamp"])
    assert [row["payload"] for row in outbox()] == [payload]


def test_enqueue_joins_the_callers_transaction(app, event, facilitator, outbox):
    with app.app_context():
        enqueue_event_change(db.session.get(Event, event.id), "updated", db.session.get(User, facilitator.id))
        db.session.rollback()
    assert outbox() == []


def test_each_message_has_its_own_id(app, event, facilitator):
    ids = {event_message(app, event.id, "updated", facilitator.id)[0] for _ in range(3)}
    assert len(ids) == 3
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(OutboxMessage.id))) == 3


def test_the_real_crm_stores_event_and_session_changes(app, make_app, real_crm, event, facilitator, admin, outbox):
    crm = real_crm()
    cancelled_by_admin = event_message(app, event.id, "cancelled", admin.id)[0]
    session_update = session_message(
        app, event.session_ids[0], "updated", facilitator.id, {"starts_at": {"old": "2031-03-04T07:00:00+00:00"}}
    )[0]
    dispatch_app = make_app(migrate=False, CRM_BASE_URL=crm.url, CRM_TIMEOUT=PATIENT)
    with dispatch_app.app_context():
        dispatcher = build_dispatcher(dispatch_app.config)
        assert dispatcher.run_once() == 2
    dispatcher.close()
    assert [(row["status"], row["failure_kind"]) for row in outbox()] == [("delivered", None)] * 2

    stored = {record["notification_id"]: record for record in crm.stored()}
    assert set(stored) == {cancelled_by_admin, session_update}
    event_record, session_record = stored[cancelled_by_admin], stored[session_update]
    assert {
        k: event_record[k]
        for k in ("type", "source_format", "user_id", "facilitator_id", "event_id", "session_id", "booking_id")
    } == {
        "type": "event_cancelled",
        "source_format": "typed",
        "user_id": admin.id,
        "facilitator_id": facilitator.id,
        "event_id": event.id,
        "session_id": None,
        "booking_id": None,
    }
    assert event_record["message"] == "Ops Admin cancelled the event Morning Flow"
    # The facilitator's own change arrives read; an admin's is news to her.
    assert event_record["read_at"] is None
    assert session_record["read_at"] == session_record["received_at"]
    assert {
        k: session_record[k] for k in ("type", "source_format", "user_id", "facilitator_id", "event_id", "session_id")
    } == {
        "type": "session_updated",
        "source_format": "typed",
        "user_id": facilitator.id,
        "facilitator_id": facilitator.id,
        "event_id": event.id,
        "session_id": event.session_ids[0],
    }
    assert session_record["data"]["changes"] == {"starts_at": {"old": "2031-03-04T07:00:00+00:00"}}
    assert session_record["data"]["session"]["capacity"] == 8
    assert abs(session_record["occurred_at"] - utcnow()) < timedelta(seconds=30)


def test_the_real_crm_files_a_facilitators_cancellation_as_one_entry_already_read(
    app, make_app, real_crm, event, facilitator, facilitator_client, make_user, client_for, outbox
):
    crm = real_crm()
    session_id = event.session_ids[0]
    for person in (make_user() for _ in range(3)):
        assert client_for(person).post("/book", json={"session_id": session_id}).status_code == 201
    cancelled = facilitator_client.post(
        f"/api/facilitator/{facilitator.id}/sessions/{session_id}/cancel", json={"reason": "Studio flooded"}
    )
    assert cancelled.status_code == 200
    dispatch_app = make_app(migrate=False, CRM_BASE_URL=crm.url, CRM_TIMEOUT=PATIENT)
    with dispatch_app.app_context():
        dispatcher = build_dispatcher(dispatch_app.config)
        while dispatcher.run_once():
            pass
    dispatcher.close()
    assert {row["status"] for row in outbox()} == {"delivered"}

    with crm.app.app_context():
        inbox = crm_notifications.list_page(
            get_store(crm.app), {"page": 1, "per_page": 20}, Inbox("facilitator_id", facilitator.id), masked=False
        )
    [summary] = [item for item in inbox["items"] if item["batch"]]
    assert (summary["type"], summary["read"], summary["batch"]) == (
        "session_cancelled",
        True,
        {"id": summary["notification_id"], "count": 3, "unread": 0},
    )
    # The three bookings people made are news; her cancellation of them is not.
    assert sorted((item["type"], item["read"]) for item in inbox["items"]) == [
        ("booking_created", False),
        ("booking_created", False),
        ("booking_created", False),
        ("session_cancelled", True),
    ]
    assert (inbox["total"], inbox["unread"]) == (4, 3)


def test_a_session_message_names_its_time_on_the_events_clock(app, event, facilitator, outbox):
    """The inbox and a client's timeline show these words to the studio: never a UTC time for a studio in India."""
    with app.app_context(), unit_of_work():
        db.session.get(Event, event.id).timezone = "Asia/Kolkata"
    _id, _type, payload = session_message(app, event.session_ids[1], "cancelled", facilitator.id)
    assert payload["message"] == "Dr. Test Facilitator cancelled the Tue 11 Mar 2031, 13:00 IST session of Morning Flow"
