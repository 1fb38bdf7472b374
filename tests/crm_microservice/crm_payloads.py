"""Payloads and credentials the CRM tests share (a plain module: tests import it by name)."""

import copy

SERVICE_TOKEN = "test-service-token-0123456789abcdefghij"  # long enough for production
AUTH = {"Authorization": f"Bearer {SERVICE_TOKEN}"}

# The seed 000 curl body, verbatim.
SEED_NESTED = {
    "booking_id": 123,
    "user": {"id": 456, "name": "Test User", "email": "test@example.com"},
    "event": {"id": 789, "title": "Test Event", "start_date": "2024-01-15T09:00:00"},
    "facilitator_id": 101,
}
# The seed 004 sample payload.
SEED_FLAT = {"booking_id": 101, "user": "Bhavin", "event": "Meditation Retreat", "facilitator_id": 2}
# What the seed 001 client sends for send_booking_notification(..., action="created").
SEED_TYPED = {
    "type": "booking_created",
    "user_id": 123,
    "message": "Booking 456 created",
    "data": {"booking_id": 456, "session_id": 789, "session_name": "Yoga Class"},
    "timestamp": "2024-01-15T09:00:00+05:30",
}


def body(base: dict, **changes) -> dict:
    """A deep copy of a seed body with top-level changes; a value of ... removes the key."""
    result = copy.deepcopy(base)
    for key, value in changes.items():
        if value is ...:
            result.pop(key)
        else:
            result[key] = value
    return result


def assert_error(response, status: int, code: str, fields: tuple = ()) -> dict:
    """The response is our error shape with this status and code, naming these fields."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.is_json
    error = response.get_json()["error"]
    assert set(error) == {"code", "message", "details"}
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    for field in fields:
        assert field in error["details"], error["details"]
    return error
