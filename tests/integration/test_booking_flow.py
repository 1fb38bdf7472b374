"""A booking made through the real main API reaches the real CRM through the outbox and dispatcher."""

import statistics
import time

import pytest
from live_stack import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.both_databases]


def test_register_login_book_arrives_in_crm(shared_stack, db_backend):
    stack = shared_stack(db_backend)
    session_id = stack.add_session(capacity=10, title="Meditation Retreat")
    stack.register("Bhavin Shah", "bhavin@example.com")
    token = stack.login("bhavin@example.com")

    booked_at = time.monotonic()
    response = stack.book(token, session_id)
    assert response.status_code == 201, response.text
    booking = response.json()

    stored = wait_for(
        lambda: stack.crm_notifications(booking_id=booking["id"]), timeout=5, message="notification stored in CRM"
    )
    delay = time.monotonic() - booked_at
    assert len(stored) == 1
    record = stored[0]
    assert record["type"] == "booking_created"
    assert record["session_id"] == session_id
    assert record["user"] == {"id": booking["user_id"], "name": "Bhavin Shah", "email": "bhavin@example.com"}
    assert record["event"]["title"] == "Meditation Retreat"
    assert record["facilitator_id"] > 0
    print(f"booking -> stored in CRM in {delay * 1000:.0f} ms")

    # The registration was reported too, in the typed shape.
    registered = stack.crm_notifications(type="user_registered", user_id=booking["user_id"])
    assert len(registered) == 1


@pytest.mark.serial  # a latency ratio: measured alone
def test_crm_down_booking_still_fast_and_delivered_once_when_back(start_stack, db_backend):
    stack = start_stack(db_backend)
    session_id = stack.add_session(capacity=20)
    emails = stack.add_users(8)
    tokens = [stack.login(email) for email in emails]

    def timed_book(token):
        started = time.perf_counter()
        response = stack.book(token, session_id)
        assert response.status_code == 201, response.text
        return time.perf_counter() - started, response.json()["id"]

    up_latencies = [timed_book(token)[0] for token in tokens[:4]]
    stack.crm.stop()
    down = [timed_book(token) for token in tokens[4:]]
    down_latencies = [latency for latency, _ in down]
    # Bookings never wait on the CRM: with it gone they are as quick as with it up.
    assert statistics.median(down_latencies) <= 3 * statistics.median(up_latencies) + 0.05, (
        up_latencies,
        down_latencies,
    )

    # The dispatcher meets the outage: an attempt fails, and its message waits, rescheduled, with the others.
    wait_for(
        lambda: (
            any(attempt["error"] for attempt in stack.delivery_attempts())
            and stack.outbox_statuses()["pending"] >= len(down)
        ),
        timeout=10,
        message="a failed delivery attempt, its message rescheduled",
    )
    stack.restart_crm()
    for _, booking_id in down:
        stored = wait_for(
            lambda booking_id=booking_id: stack.crm_notifications(booking_id=booking_id),
            timeout=10,
            message=f"booking {booking_id} delivered after CRM restart",
        )
        assert len(stored) == 1
    # Nothing is left to send once no message is pending: a duplicate delivery could only come before that.
    wait_for(lambda: not stack.outbox_statuses()["pending"], timeout=10, message="every outbox message settled")
    assert stack.outbox_statuses()["delivered"] == len(up_latencies) + len(down)
    for _, booking_id in down:
        assert len(stack.crm_notifications(booking_id=booking_id)) == 1
