"""A facilitator's own events: listing, creating, editing and cancelling, what users then see, what the CRM is told."""

from datetime import datetime, timedelta

import pytest

from main_app.models import utcnow
from main_app.services.programme.cancellations import DEFAULT_CANCEL_REASON

HOUR, DAY = timedelta(hours=1), timedelta(days=1)
# First session of the event under test; whole seconds so every representation round-trips exactly.
AT = utcnow().replace(microsecond=0) + 5 * DAY
EVENT_KEYS = {
    "id",
    "title",
    "description",
    "kind",
    "location",
    "location_country",
    "location_state_code",
    "timezone",
    "status",
    "starts_at",
    "ends_at",
    "facilitator_id",
    "facilitator",
    "refund_until_hours",
    "late_cancel_hours",
    "requires_approval",
    "min_age",
    "max_age",
    "payment_plan",
    "seats_left",
    "sessions",
}


def iso(moment: datetime) -> str:
    return moment.isoformat()


def slot(start: datetime, hours: float = 1, capacity: int = 6) -> dict:
    return {"starts_at": iso(start), "ends_at": iso(start + hours * HOUR), "capacity": capacity}


def dig(details: dict, path: str):
    """details["sessions"]["0"]["ends_at"] for "sessions.0.ends_at"; fails the test when the path is missing."""
    node = details
    for key in path.split("."):
        assert isinstance(node, dict) and key in node, (path, details)
        node = node[key]
    return node


def new_messages(outbox, before: list[dict]) -> list[dict]:
    seen = {m["id"] for m in before}
    return [m for m in outbox() if m["id"] not in seen]


def by_type(messages: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for message in messages:
        grouped.setdefault(message["type"], []).append(message)
    return grouped


@pytest.fixture
def base(priya) -> str:
    return f"/api/facilitator/{priya.id}"


@pytest.fixture
def event(make_event, priya):
    """priya's weekly class: two sessions a week apart (AT and AT + 7 days), an hour each, 5 seats."""
    return make_event(
        title="Morning Vinyasa Flow", facilitator_id=priya.id, sessions=2, capacity=5, at=AT, location="Lotus Studio"
    )


@pytest.fixture
def book_as(make_user, client_for):
    """book_as(name, session_id) -> (account, client, booking id): a new user books a seat through the API."""

    def book(name: str, session_id: int):
        account = make_user(name=name)
        user_client = client_for(account)
        response = user_client.post("/book", json={"session_id": session_id})
        assert response.status_code == 201, response.get_json()
        return account, user_client, response.get_json()["id"]

    return book


def public_session(client, event_id: int, session_id: int) -> dict:
    body = client.get(f"/events/{event_id}").get_json()
    return next(s for s in body["sessions"] if s["id"] == session_id)


def my_booking(user_client, booking_id: int) -> dict:
    items = user_client.get("/bookings").get_json()["items"]
    return next(b for b in items if b["id"] == booking_id)


# -- listing ----------------------------------------------------------------------------------------


def test_own_events_include_cancelled_and_past_and_nothing_of_others(
    priya_client, base, priya, arjun, make_event, book_as
):
    upcoming = make_event(title="Upcoming", facilitator_id=priya.id, at=AT, capacity=4)
    past = make_event(title="Past", facilitator_id=priya.id, starts_in=-3 * DAY)
    cancelled = make_event(
        title="Cancelled", facilitator_id=priya.id, at=AT + DAY, status="cancelled", session_status="cancelled"
    )
    make_event(title="Arjun's", facilitator_id=arjun.id, at=AT)
    book_as("Meera", upcoming.session_ids[0])
    response = priya_client.get(f"{base}/events")
    assert response.status_code == 200
    body = response.get_json()
    assert (body["page"], body["per_page"], body["total"], body["pages"]) == (1, 20, 3, 1)
    # Newest start first.
    assert [e["id"] for e in body["items"]] == [cancelled.id, upcoming.id, past.id]
    assert [e["status"] for e in body["items"]] == ["cancelled", "scheduled", "scheduled"]
    item = body["items"][1]
    assert set(item) == EVENT_KEYS
    assert item["facilitator"] == {"id": priya.id, "name": "Dr. Priya Sharma"}
    assert [(s["capacity"], s["seats_taken"], s["seats_left"]) for s in item["sessions"]] == [(4, 1, 3)]
    assert item["seats_left"] == 3
    page2 = priya_client.get(f"{base}/events", query_string={"per_page": 2, "page": 2}).get_json()
    assert ([e["id"] for e in page2["items"]], page2["total"], page2["pages"]) == ([past.id], 3, 2)


def test_get_one_event(priya_client, base, event, priya):
    body = priya_client.get(f"{base}/events/{event.id}").get_json()
    assert set(body) == EVENT_KEYS
    assert (body["id"], body["title"], body["location"], body["facilitator_id"]) == (
        event.id,
        "Morning Vinyasa Flow",
        "Lotus Studio",
        priya.id,
    )
    assert [s["id"] for s in body["sessions"]] == event.session_ids
    assert (body["starts_at"], body["ends_at"]) == (iso(AT), iso(AT + 7 * DAY + HOUR))


# -- creating ---------------------------------------------------------------------------------------


def test_create_event_with_sessions(priya_client, base, priya, client, outbox):
    later, earlier = slot(AT + 3 * DAY, hours=2, capacity=10), slot(AT, hours=1.5, capacity=4)
    response = priya_client.post(
        f"{base}/events",
        json={
            "title": "Himalayan Silence Retreat",
            "kind": "retreat",
            "timezone": "Asia/Kolkata",
            "description": "Five days of silence.",
            "location": "Rishikesh",
            "sessions": [later, earlier],
        },
    )
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert set(body) == EVENT_KEYS
    assert (body["title"], body["kind"], body["description"], body["location"], body["status"]) == (
        "Himalayan Silence Retreat",
        "retreat",
        "Five days of silence.",
        "Rishikesh",
        "scheduled",
    )
    assert body["timezone"] == "Asia/Kolkata"
    assert body["facilitator"] == {"id": priya.id, "name": "Dr. Priya Sharma"}
    # The event spans its sessions, which come back in time order whatever order they were sent in.
    assert (body["starts_at"], body["ends_at"]) == (earlier["starts_at"], later["ends_at"])
    assert [(s["starts_at"], s["ends_at"], s["capacity"], s["seats_taken"], s["status"]) for s in body["sessions"]] == [
        (earlier["starts_at"], earlier["ends_at"], 4, 0, "scheduled"),
        (later["starts_at"], later["ends_at"], 10, 0, "scheduled"),
    ]
    assert body["seats_left"] == 14
    session_ids = [s["id"] for s in body["sessions"]]

    public = client.get("/events").get_json()
    assert [e["id"] for e in public["items"]] == [body["id"]]
    # The public sees what the facilitator sees, less the emails sent to the people booked, the money, the series
    # and the video link.
    facilitator_only = ("emails", "payments", "series_id", "video_url")
    assert public["items"][0]["sessions"] == [
        {k: v for k, v in s.items() if k not in facilitator_only} for s in body["sessions"]
    ]
    assert [e["id"] for e in priya_client.get(f"{base}/events").get_json()["items"]] == [body["id"]]

    [message] = outbox()
    assert message["type"] == "event_created"
    payload = message["payload"]
    assert (payload["event_id"], payload["facilitator_id"], payload["user_id"]) == (body["id"], priya.id, priya.id)
    assert sorted(payload["data"]["changes"]["sessions"]) == sorted(session_ids)
    assert payload["data"]["event"] == {
        "id": body["id"],
        "title": "Himalayan Silence Retreat",
        "kind": "retreat",
        "location": "Rishikesh",
        "status": "scheduled",
        "starts_at": earlier["starts_at"],
        "ends_at": later["ends_at"],
    }


def test_created_session_can_be_booked(priya_client, base, book_as, seats):
    body = priya_client.post(
        f"{base}/events",
        json={"title": "Yin", "kind": "session", "timezone": "UTC", "sessions": [slot(AT, capacity=1)]},
    ).get_json()
    session_id = body["sessions"][0]["id"]
    book_as("Meera", session_id)
    assert seats(session_id) == (1, 1)
    assert (body["description"], body["location"]) == ("", "")


def _create(**changes) -> dict:
    body = {"title": "Yin", "kind": "session", "timezone": "UTC", "sessions": [slot(AT), slot(AT + DAY)]}
    body.update(changes)
    return {k: v for k, v in body.items() if v is not None}


@pytest.mark.parametrize(
    "body, path",
    [
        pytest.param(_create(title=None), "title", id="missing title"),
        pytest.param(_create(title=""), "title", id="empty title"),
        pytest.param(_create(title="x" * 201), "title", id="long title"),
        pytest.param(_create(kind=None), "kind", id="missing kind"),
        pytest.param(_create(kind="workshop"), "kind", id="unknown kind"),
        pytest.param(_create(sessions=None), "sessions", id="missing sessions"),
        pytest.param(_create(sessions=[]), "sessions", id="empty sessions"),
        pytest.param(_create(sessions="soon"), "sessions", id="sessions not a list"),
        pytest.param(_create(sessions=[slot(AT, capacity=0)]), "sessions.0.capacity", id="capacity 0"),
        pytest.param(_create(sessions=[slot(AT, capacity=10_001)]), "sessions.0.capacity", id="capacity 10001"),
        pytest.param(
            _create(sessions=[slot(AT), {**slot(AT), "capacity": "5"}]), "sessions.1.capacity", id="capacity string"
        ),
        pytest.param(_create(sessions=[{**slot(AT), "capacity": None}]), "sessions.0.capacity", id="capacity null"),
        pytest.param(_create(sessions=[{"starts_at": iso(AT), "capacity": 3}]), "sessions.0.ends_at", id="no end"),
        pytest.param(_create(sessions=[{**slot(AT), "starts_at": "next week"}]), "sessions.0.starts_at", id="bad date"),
        pytest.param(
            _create(sessions=[{**slot(AT), "ends_at": iso(AT - HOUR)}]), "sessions.0.ends_at", id="end before start"
        ),
        pytest.param(_create(sessions=[{**slot(AT), "ends_at": iso(AT)}]), "sessions.0.ends_at", id="end at start"),
        pytest.param(
            _create(sessions=[slot(AT), slot(utcnow().replace(microsecond=0) - HOUR)]),
            "sessions.1.starts_at",
            id="past start",
        ),
    ],
)
def test_create_event_validation(priya_client, base, db_rows, assert_error, body, path):
    before = db_rows()
    error = assert_error(priya_client.post(f"{base}/events", json=body), 400, "validation_error", path.split(".")[0])
    assert isinstance(dig(error["details"], path), list)
    assert db_rows() == before


def test_create_event_error_names_the_session_that_is_wrong(priya_client, base, assert_error):
    # Within the edge's day of grace: that a new session starts later than now is the service's rule.
    start = utcnow().replace(microsecond=0) - HOUR
    error = assert_error(
        priya_client.post(f"{base}/events", json=_create(sessions=[slot(AT), slot(start)])),
        400,
        "validation_error",
        "sessions",
    )
    assert error["details"] == {"sessions": {"1": {"starts_at": ["Must be in the future."]}}}
    assert "sessions.1.starts_at" in error["message"]


def test_create_event_body_must_be_a_json_object(priya_client, base, db_rows, assert_error):
    before = db_rows()
    assert_error(priya_client.post(f"{base}/events", json=[_create()]), 400, "validation_error", "body")
    assert_error(
        priya_client.post(f"{base}/events", data="title=Yin", content_type="text/plain"),
        400,
        "invalid_content_type",
        "Content-Type",
    )
    assert db_rows() == before


def test_add_session_moves_the_event_span(priya_client, base, event, client, outbox, priya, book_as):
    earlier = slot(AT - 2 * DAY, hours=2, capacity=3)
    response = priya_client.post(f"{base}/events/{event.id}/sessions", json=earlier)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert {
        k: body[k] for k in ("event_id", "starts_at", "ends_at", "capacity", "seats_taken", "seats_left", "status")
    } == {
        "event_id": event.id,
        "starts_at": earlier["starts_at"],
        "ends_at": earlier["ends_at"],
        "capacity": 3,
        "seats_taken": 0,
        "seats_left": 3,
        "status": "scheduled",
    }
    public = client.get(f"/events/{event.id}").get_json()
    assert (public["starts_at"], public["ends_at"]) == (earlier["starts_at"], iso(AT + 7 * DAY + HOUR))
    assert [s["id"] for s in public["sessions"]] == [body["id"], *event.session_ids]
    assert public["seats_left"] == 13

    later = slot(AT + 30 * DAY, hours=3)
    assert priya_client.post(f"{base}/events/{event.id}/sessions", json=later).status_code == 201
    public = client.get(f"/events/{event.id}").get_json()
    assert (public["starts_at"], public["ends_at"]) == (earlier["starts_at"], later["ends_at"])

    messages = outbox()
    assert [m["type"] for m in messages] == ["session_created", "session_created"]
    payload = messages[0]["payload"]
    assert (payload["session_id"], payload["event_id"], payload["facilitator_id"], payload["user_id"]) == (
        body["id"],
        event.id,
        priya.id,
        priya.id,
    )
    assert payload["data"]["session"]["capacity"] == 3
    assert payload["data"]["event"]["starts_at"] == earlier["starts_at"]
    book_as("Meera", body["id"])


@pytest.mark.parametrize(
    "body, field",
    [
        pytest.param({**slot(AT), "ends_at": iso(AT - HOUR)}, "ends_at", id="end before start"),
        pytest.param(slot(utcnow().replace(microsecond=0) - DAY), "starts_at", id="past start"),
        pytest.param({**slot(AT), "capacity": 0}, "capacity", id="capacity 0"),
        pytest.param({"starts_at": iso(AT), "ends_at": iso(AT + HOUR)}, "capacity", id="no capacity"),
        pytest.param({}, "starts_at", id="empty"),
    ],
)
def test_add_session_validation(priya_client, base, event, db_rows, assert_error, body, field):
    before = db_rows()
    assert_error(priya_client.post(f"{base}/events/{event.id}/sessions", json=body), 400, "validation_error", field)
    assert db_rows() == before


# -- editing sessions -------------------------------------------------------------------------------


def test_moving_a_session_and_raising_its_capacity(priya_client, base, event, priya, client, book_as, outbox):
    session_id = event.session_ids[0]
    book_as("Meera", session_id)
    book_as("Ravi", session_id)
    before = outbox()
    start = AT + DAY + 2 * HOUR
    end = start + 90 * timedelta(minutes=1)
    response = priya_client.put(
        f"{base}/sessions/{session_id}", json={"starts_at": iso(start), "ends_at": iso(end), "capacity": 8}
    )
    assert response.status_code == 200, response.get_json()
    expected = {
        "id": session_id,
        "event_id": event.id,
        "starts_at": iso(start),
        "ends_at": iso(end),
        "capacity": 8,
        "seats_taken": 2,
        "seats_left": 6,
        "status": "scheduled",
        "price": 0,
        "currency": "INR",
        "waitlist_mode": "auto",
        "offer_minutes": 120,
        "auto_until_hours": None,
        "max_seats_per_booking": 6,
        "mode": "in_person",
        "options": [],  # no room options
        "instructor": {"id": priya.id, "name": priya.name},
    }
    # The facilitator also sees the emails about it: two confirmations, and now two change notices, waiting.
    money = {"paid": 0, "pending": 0, "refunded": 0}
    assert response.get_json() == {
        **expected,
        "emails": {"sent": 0, "pending": 4, "failed": 0},
        "waiting": 0,
        "payments": money,
        "series_id": None,
        "video_url": None,  # staff only
    }
    # What users see.
    assert public_session(client, event.id, session_id) == {**expected, "waiting": 0}
    [listed] = [e for e in client.get("/events").get_json()["items"] if e["id"] == event.id]
    assert next(s for s in listed["sessions"] if s["id"] == session_id) == {**expected, "waiting": 0}
    assert listed["seats_left"] == 6 + 5
    assert (listed["starts_at"], listed["ends_at"]) == (iso(start), iso(AT + 7 * DAY + HOUR))

    [message] = new_messages(outbox, before)
    assert message["type"] == "session_updated"
    payload = message["payload"]
    assert (payload["session_id"], payload["event_id"], payload["facilitator_id"], payload["user_id"]) == (
        session_id,
        event.id,
        priya.id,
        priya.id,
    )
    assert payload["data"]["changes"] == {
        "starts_at": {"from": iso(AT), "to": iso(start)},
        "ends_at": {"from": iso(AT + HOUR), "to": iso(end)},
        "capacity": {"from": 5, "to": 8},
    }
    assert payload["data"]["session"] == {
        "id": session_id,
        "starts_at": iso(start),
        "ends_at": iso(end),
        "capacity": 8,
        "seats_taken": 2,
        "status": "scheduled",
        "timezone": "UTC",
        "instructor_id": priya.id,
    }


def test_patch_capacity_only(priya_client, base, event, outbox, seats):
    session_id = event.session_ids[1]
    response = priya_client.patch(f"{base}/sessions/{session_id}", json={"capacity": 3})
    assert response.status_code == 200
    assert (response.get_json()["starts_at"], response.get_json()["seats_left"]) == (iso(AT + 7 * DAY), 3)
    assert seats(session_id) == (3, 0)
    [message] = outbox()
    assert message["payload"]["data"]["changes"] == {"capacity": {"from": 5, "to": 3}}


def test_moving_only_the_end(priya_client, base, event, outbox):
    session_id = event.session_ids[0]
    end = AT + 3 * HOUR
    assert priya_client.patch(f"{base}/sessions/{session_id}", json={"ends_at": iso(end)}).status_code == 200
    [message] = outbox()
    assert message["payload"]["data"]["changes"] == {"ends_at": {"from": iso(AT + HOUR), "to": iso(end)}}


def test_moving_the_last_session_later_moves_the_event_end(priya_client, base, event, client):
    start = AT + 40 * DAY
    priya_client.patch(
        f"{base}/sessions/{event.session_ids[1]}", json={"starts_at": iso(start), "ends_at": iso(start + HOUR)}
    )
    public = client.get(f"/events/{event.id}").get_json()
    assert (public["starts_at"], public["ends_at"]) == (iso(AT), iso(start + HOUR))
    # The first session moved past the second: the event now starts with the (old) second one.
    first = AT + 50 * DAY
    priya_client.patch(
        f"{base}/sessions/{event.session_ids[0]}", json={"starts_at": iso(first), "ends_at": iso(first + HOUR)}
    )
    public = client.get(f"/events/{event.id}").get_json()
    assert (public["starts_at"], public["ends_at"]) == (iso(start), iso(first + HOUR))
    assert [s["id"] for s in public["sessions"]] == [event.session_ids[1], event.session_ids[0]]


def test_an_edit_that_changes_nothing_writes_no_message(priya_client, base, event, outbox, db_rows):
    before = db_rows()
    response = priya_client.put(
        f"{base}/sessions/{event.session_ids[0]}", json={"starts_at": iso(AT), "ends_at": iso(AT + HOUR), "capacity": 5}
    )
    assert response.status_code == 200
    assert response.get_json()["capacity"] == 5
    # The same instant written with another offset is no change either.
    same = AT.astimezone(datetime.fromisoformat("2000-01-01T00:00:00+05:30").tzinfo)
    assert (
        priya_client.patch(f"{base}/sessions/{event.session_ids[0]}", json={"starts_at": iso(same)}).status_code == 200
    )
    assert outbox() == []
    assert db_rows() == before


def test_capacity_cannot_go_below_seats_taken_and_nothing_changes(
    priya_client, base, event, book_as, db_rows, outbox, seats, assert_error, client
):
    session_id = event.session_ids[0]
    for name in ("Meera", "Ravi", "Sara"):
        book_as(name, session_id)
    before, messages = db_rows(), outbox()
    for body in ({"capacity": 2}, {"capacity": 1, "starts_at": iso(AT + DAY), "ends_at": iso(AT + DAY + HOUR)}):
        error = assert_error(
            priya_client.patch(f"{base}/sessions/{session_id}", json=body), 409, "capacity_below_bookings", "capacity"
        )
        assert error["message"] == "3 seats are already taken; the capacity cannot go below 3."
        assert error["details"] == {"capacity": ["Must be at least 3."]}
        assert db_rows() == before
    assert outbox() == messages
    assert seats(session_id) == (5, 3)
    assert public_session(client, event.id, session_id)["starts_at"] == iso(AT)


def test_capacity_equal_to_seats_taken_is_fine_and_the_session_is_then_full(
    priya_client, base, event, book_as, seats, make_user, client_for, assert_error
):
    session_id = event.session_ids[0]
    for name in ("Meera", "Ravi", "Sara"):
        book_as(name, session_id)
    response = priya_client.patch(f"{base}/sessions/{session_id}", json={"capacity": 3})
    assert response.status_code == 200, response.get_json()
    assert (response.get_json()["capacity"], response.get_json()["seats_left"]) == (3, 0)
    assert seats(session_id) == (3, 3)
    assert_error(client_for(make_user()).post("/book", json={"session_id": session_id}), 409, "session_full")


@pytest.mark.parametrize(
    "body, field",
    [
        pytest.param({"starts_at": iso(AT + 2 * HOUR), "ends_at": iso(AT + HOUR)}, "ends_at", id="end before start"),
        pytest.param({"starts_at": iso(AT + HOUR), "ends_at": iso(AT + HOUR)}, "ends_at", id="end at start"),
        pytest.param({"ends_at": iso(AT - HOUR)}, "ends_at", id="end before the stored start"),
        pytest.param({"starts_at": iso(AT + 2 * HOUR)}, "ends_at", id="start after the stored end"),
        pytest.param(
            {"starts_at": iso(utcnow().replace(microsecond=0) - HOUR), "ends_at": iso(AT)},
            "starts_at",
            id="start in the past",
        ),
        pytest.param({"starts_at": iso(utcnow().replace(microsecond=0) - DAY)}, "starts_at", id="only start, past"),
        pytest.param(
            {"starts_at": iso(AT + 2 * HOUR), "ends_at": iso(AT + HOUR), "capacity": 9},
            "ends_at",
            id="bad times with a good capacity",
        ),
        pytest.param({}, "body", id="empty body"),
        pytest.param({"title": "Not a session field"}, "title", id="only unknown fields"),
        pytest.param({"capacity": "8"}, "capacity", id="capacity string"),
        pytest.param({"capacity": 2.5}, "capacity", id="capacity float"),
        pytest.param({"capacity": None}, "capacity", id="capacity null"),
        pytest.param({"capacity": 0}, "capacity", id="capacity 0"),
        pytest.param({"capacity": 10_001}, "capacity", id="capacity 10001"),
        pytest.param({"starts_at": "tomorrow"}, "starts_at", id="start not a date"),
        pytest.param({"ends_at": 1767225600}, "ends_at", id="end a number"),
    ],
)
def test_session_edit_validation(priya_client, base, event, book_as, db_rows, assert_error, body, field):
    book_as("Meera", event.session_ids[0])
    before = db_rows()
    for method in ("PUT", "PATCH"):
        response = priya_client.open(f"{base}/sessions/{event.session_ids[0]}", method=method, json=body)
        assert_error(response, 400, "validation_error", field)
    assert db_rows() == before


def test_session_edit_body_must_be_json(priya_client, base, event, db_rows, assert_error):
    before = db_rows()
    url = f"{base}/sessions/{event.session_ids[0]}"
    assert_error(priya_client.patch(url, json=[{"capacity": 3}]), 400, "validation_error", "body")
    assert_error(priya_client.patch(url, data="{bad json", content_type="application/json"), 400, "invalid_json")
    assert db_rows() == before


def test_a_cancelled_session_cannot_be_edited(priya_client, base, event, db_rows, assert_error):
    session_id = event.session_ids[0]
    assert priya_client.post(f"{base}/sessions/{session_id}/cancel").status_code == 200
    before = db_rows()
    for body in ({"capacity": 9}, {"starts_at": iso(AT + DAY), "ends_at": iso(AT + DAY + HOUR)}):
        assert_error(priya_client.put(f"{base}/sessions/{session_id}", json=body), 409, "session_cancelled")
    assert db_rows() == before


# -- editing events ---------------------------------------------------------------------------------


def test_editing_an_event(priya_client, base, event, priya, client, outbox):
    body = {"title": "Evening Flow", "description": "Slow and steady.", "location": "Hall 2", "kind": "retreat"}
    response = priya_client.put(f"{base}/events/{event.id}", json=body)
    assert response.status_code == 200, response.get_json()
    got = response.get_json()
    assert {k: got[k] for k in body} == body
    public = client.get(f"/events/{event.id}").get_json()
    assert {k: public[k] for k in body} == body
    assert [s["id"] for s in public["sessions"]] == event.session_ids
    [message] = outbox()
    assert message["type"] == "event_updated"
    payload = message["payload"]
    assert (payload["event_id"], payload["facilitator_id"], payload["user_id"]) == (event.id, priya.id, priya.id)
    assert payload["data"]["changes"] == {
        "title": {"from": "Morning Vinyasa Flow", "to": "Evening Flow"},
        "description": {"from": "About Morning Vinyasa Flow", "to": "Slow and steady."},
        "location": {"from": "Lotus Studio", "to": "Hall 2"},
        "kind": {"from": "session", "to": "retreat"},
    }
    assert payload["data"]["event"]["title"] == "Evening Flow"


def test_patching_one_event_field(priya_client, base, event, outbox):
    response = priya_client.patch(f"{base}/events/{event.id}", json={"location": "Online"})
    assert (response.status_code, response.get_json()["location"], response.get_json()["title"]) == (
        200,
        "Online",
        "Morning Vinyasa Flow",
    )
    [message] = outbox()
    assert message["payload"]["data"]["changes"] == {"location": {"from": "Lotus Studio", "to": "Online"}}


def test_an_event_edit_that_changes_nothing_writes_no_message(priya_client, base, event, outbox, db_rows):
    before = db_rows()
    response = priya_client.put(f"{base}/events/{event.id}", json={"title": "Morning Vinyasa Flow", "kind": "session"})
    assert response.status_code == 200
    assert outbox() == []
    assert db_rows() == before


@pytest.mark.parametrize(
    "body, field",
    [
        pytest.param({}, "body", id="empty"),
        pytest.param({"sessions": []}, "sessions", id="only unknown fields"),
        pytest.param({"title": ""}, "title", id="empty title"),
        pytest.param({"title": 5}, "title", id="title a number"),
        pytest.param({"kind": "workshop"}, "kind", id="unknown kind"),
        pytest.param({"location": "x" * 201}, "location", id="long location"),
        pytest.param({"description": None}, "description", id="null description"),
        pytest.param({"timezone": "Mars/Olympus_Mons"}, "timezone", id="unknown zone"),
        pytest.param({"timezone": "../../etc/passwd"}, "timezone", id="a path"),
        pytest.param({"timezone": "localtime"}, "timezone", id="the machine's own"),
        pytest.param({"timezone": ""}, "timezone", id="empty zone"),
    ],
)
def test_event_edit_validation(priya_client, base, event, db_rows, assert_error, body, field):
    before = db_rows()
    for method in ("PUT", "PATCH"):
        assert_error(
            priya_client.open(f"{base}/events/{event.id}", method=method, json=body), 400, "validation_error", field
        )
    assert db_rows() == before


def test_changing_the_zone_keeps_the_sessions_instants_and_is_reported(
    priya_client, base, event, client, outbox, db_rows
):
    before = client.get(f"/events/{event.id}").get_json()
    response = priya_client.patch(f"{base}/events/{event.id}", json={"timezone": "Europe/Berlin"})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["timezone"] == "Europe/Berlin"
    after = client.get(f"/events/{event.id}").get_json()
    assert after["timezone"] == "Europe/Berlin"
    assert [(s["starts_at"], s["ends_at"]) for s in after["sessions"]] == [
        (s["starts_at"], s["ends_at"]) for s in before["sessions"]
    ]
    [message] = outbox()
    assert message["payload"]["data"]["changes"] == {"timezone": {"from": "UTC", "to": "Europe/Berlin"}}


def test_a_new_event_needs_a_known_time_zone(priya_client, base, db_rows, assert_error):
    body = {"title": "Yin", "kind": "session", "sessions": [slot(AT)]}
    before = db_rows()
    assert_error(priya_client.post(f"{base}/events", json=body), 400, "validation_error", "timezone")
    error = assert_error(
        priya_client.post(f"{base}/events", json={**body, "timezone": "Asia/Calcutta "}), 400, "validation_error"
    )
    assert "IANA" in error["details"]["timezone"][0]
    assert db_rows() == before
    created = priya_client.post(f"{base}/events", json={**body, "timezone": "Asia/Calcutta"})  # an old alias is fine
    assert created.status_code == 201 and created.get_json()["timezone"] == "Asia/Calcutta"


def test_a_cancelled_event_cannot_be_edited_or_get_sessions(priya_client, base, event, db_rows, assert_error):
    assert priya_client.delete(f"{base}/events/{event.id}").status_code == 200
    before = db_rows()
    assert_error(priya_client.put(f"{base}/events/{event.id}", json={"title": "Back"}), 409, "event_cancelled")
    assert_error(priya_client.patch(f"{base}/events/{event.id}", json={"title": "Back"}), 409, "event_cancelled")
    assert_error(priya_client.post(f"{base}/events/{event.id}/sessions", json=slot(AT)), 409, "event_cancelled")
    assert_error(priya_client.delete(f"{base}/events/{event.id}"), 409, "event_cancelled")
    assert db_rows() == before


# -- cancelling a session ---------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["The teacher is ill; we will refund you.", None])
def test_cancelling_a_session_cancels_its_bookings_and_tells_everyone(
    priya_client, base, event, priya, book_as, outbox, seats, client, reason
):
    first, second = event.session_ids
    people = [book_as(name, first) for name in ("Meera", "Ravi", "Sara")]
    # Untouched: a booking its user had cancelled already, and a booking of the other session.
    _gone_account, gone_client, gone_id = book_as("Dev", first)
    gone_client.post(f"/bookings/{gone_id}/cancel", json={"reason": "Travelling"})
    gone_before = my_booking(gone_client, gone_id)
    _, other_client, other_id = book_as("Nila", second)
    before = outbox()

    response = priya_client.post(f"{base}/sessions/{first}/cancel", json={"reason": reason} if reason else None)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["bookings_cancelled"] == 3
    assert (
        body["session"]["id"],
        body["session"]["status"],
        body["session"]["seats_taken"],
        body["session"]["seats_left"],
    ) == (first, "cancelled", 0, 5)
    assert seats(first) == (5, 0)
    assert seats(second) == (5, 1)

    told = reason or DEFAULT_CANCEL_REASON
    for _account, user_client, booking_id in people:
        booking = my_booking(user_client, booking_id)
        assert (booking["status"], booking["cancel_reason"], booking["cancelled_by"]) == (
            "cancelled",
            told,
            "facilitator",
        )
        assert booking["cancelled_at"] is not None
        assert booking["session"]["status"] == "cancelled"
    gone_after = my_booking(gone_client, gone_id)
    assert {k: gone_after[k] for k in ("status", "cancelled_at", "cancel_reason", "cancelled_by")} == {
        "status": "cancelled",
        "cancelled_at": gone_before["cancelled_at"],
        "cancel_reason": "Travelling",
        "cancelled_by": "person",  # they did it themselves, before the facilitator cancelled the session
    }
    assert (my_booking(other_client, other_id)["status"], my_booking(other_client, other_id)["cancel_reason"]) == (
        "active",
        None,
    )

    grouped = by_type(new_messages(outbox, before))
    assert sorted(grouped) == ["booking_cancelled", "session_cancelled"]
    assert len(grouped["booking_cancelled"]) == 3
    assert {
        (m["payload"]["user"]["id"], m["payload"]["user"]["email"], m["payload"]["booking_id"])
        for m in grouped["booking_cancelled"]
    } == {(a.id, a.email, b) for a, _c, b in people}
    [session_message] = grouped["session_cancelled"]
    for message in grouped["booking_cancelled"]:
        payload = message["payload"]
        assert (payload["session_id"], payload["facilitator_id"], payload["event"]["id"]) == (first, priya.id, event.id)
        assert payload["data"]["cancel_reason"] == told
        assert payload["data"]["booking_status"] == "cancelled"
        # Priya's own action, one of a batch: the CRM files them read, under the session_cancelled message.
        assert payload["data"]["actor"] == {"id": priya.id, "role": "facilitator"}
        assert payload["data"]["batch_id"] == session_message["id"] == session_message["payload"]["notification_id"]
    assert (session_message["payload"]["session_id"], session_message["payload"]["user_id"]) == (first, priya.id)
    assert session_message["payload"]["data"]["changes"] == {"reason": reason, "bookings_cancelled": 3}
    assert session_message["payload"]["data"]["session"]["status"] == "cancelled"
    assert session_message["payload"]["data"]["actor"] == {"id": priya.id, "role": "facilitator"}
    assert "batch_id" not in session_message["payload"]["data"]

    # The event stays listed (its other session still runs) and now spans only that session.
    [listed] = client.get("/events").get_json()["items"]
    assert (listed["id"], listed["seats_left"]) == (event.id, 4)
    assert (listed["starts_at"], listed["ends_at"]) == (iso(AT + 7 * DAY), iso(AT + 7 * DAY + HOUR))


def test_a_cancelled_session_cannot_be_cancelled_booked_or_reactivated(
    priya_client, base, event, book_as, make_user, client_for, db_rows, assert_error
):
    session_id = event.session_ids[0]
    _, user_client, booking_id = book_as("Meera", session_id)
    newcomer = client_for(make_user())
    assert priya_client.post(f"{base}/sessions/{session_id}/cancel", json={"reason": "Ill"}).status_code == 200
    before = db_rows()
    assert_error(priya_client.post(f"{base}/sessions/{session_id}/cancel"), 409, "session_cancelled")
    assert_error(newcomer.post("/book", json={"session_id": session_id}), 409, "session_cancelled")
    assert_error(user_client.post(f"/bookings/{booking_id}/reactivate"), 409, "session_cancelled")
    assert db_rows() == before


def test_cancel_reason_is_limited_and_a_bad_one_changes_nothing(
    priya_client, base, event, book_as, db_rows, assert_error
):
    book_as("Meera", event.session_ids[0])
    before = db_rows()
    assert_error(
        priya_client.post(f"{base}/sessions/{event.session_ids[0]}/cancel", json={"reason": "x" * 501}),
        400,
        "validation_error",
        "reason",
    )
    assert_error(
        priya_client.delete(f"{base}/events/{event.id}", json={"reason": 7}), 400, "validation_error", "reason"
    )
    assert db_rows() == before


# -- cancelling an event ----------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["The venue flooded.", None])
def test_cancelling_an_event_cancels_all_sessions_and_bookings(
    priya_client, base, event, priya, book_as, outbox, seats, client, make_event, reason
):
    first, second = event.session_ids
    people = [book_as("Meera", first), book_as("Ravi", first), book_as("Sara", second)]
    _, gone_client, gone_id = book_as("Dev", second)
    gone_client.post(f"/bookings/{gone_id}/cancel")
    gone_before = my_booking(gone_client, gone_id)
    elsewhere = make_event(title="Yin Yoga", facilitator_id=priya.id, at=AT)
    _, other_client, other_id = book_as("Nila", elsewhere.session_ids[0])
    before = outbox()

    response = priya_client.delete(f"{base}/events/{event.id}", json={"reason": reason} if reason else None)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["bookings_cancelled"] == 3
    assert body["event"]["status"] == "cancelled"
    assert [(s["id"], s["status"], s["seats_taken"]) for s in body["event"]["sessions"]] == [
        (first, "cancelled", 0),
        (second, "cancelled", 0),
    ]
    assert body["event"]["seats_left"] == 0
    assert (seats(first), seats(second), seats(elsewhere.session_ids[0])) == ((5, 0), (5, 0), (5, 1))

    told = reason or DEFAULT_CANCEL_REASON
    for _account, user_client, booking_id in people:
        booking = my_booking(user_client, booking_id)
        assert (booking["status"], booking["cancel_reason"]) == ("cancelled", told)
    assert my_booking(gone_client, gone_id)["cancel_reason"] is None
    assert my_booking(gone_client, gone_id)["cancelled_at"] == gone_before["cancelled_at"]
    assert my_booking(other_client, other_id)["status"] == "active"

    grouped = by_type(new_messages(outbox, before))
    assert sorted(grouped) == ["booking_cancelled", "event_cancelled"]
    assert {
        (
            m["payload"]["user"]["id"],
            m["payload"]["user"]["email"],
            m["payload"]["booking_id"],
            m["payload"]["data"]["cancel_reason"],
        )
        for m in grouped["booking_cancelled"]
    } == {(a.id, a.email, b, told) for a, _c, b in people}
    assert len(grouped["booking_cancelled"]) == 3
    [event_message] = grouped["event_cancelled"]
    assert {
        (m["payload"]["data"]["batch_id"], m["payload"]["data"]["actor"]["id"]) for m in grouped["booking_cancelled"]
    } == {(event_message["id"], priya.id)}  # one batch over both sessions, under event_cancelled
    assert (event_message["payload"]["event_id"], event_message["payload"]["user_id"]) == (event.id, priya.id)
    assert event_message["payload"]["data"]["changes"] == {"reason": reason, "bookings_cancelled": 3}
    assert event_message["payload"]["data"]["event"]["status"] == "cancelled"

    assert [e["id"] for e in client.get("/events").get_json()["items"]] == [elsewhere.id]
    listed = client.get("/events", query_string={"include_cancelled": "true"}).get_json()["items"]
    assert {e["id"]: e["status"] for e in listed} == {event.id: "cancelled", elsewhere.id: "scheduled"}
    mine = priya_client.get(f"{base}/events").get_json()["items"]
    assert {e["id"]: e["status"] for e in mine} == {event.id: "cancelled", elsewhere.id: "scheduled"}
    assert client.get(f"/events/{event.id}").get_json()["status"] == "cancelled"


def test_booking_into_a_cancelled_event_is_409(priya_client, base, event, make_user, client_for, assert_error):
    assert priya_client.delete(f"{base}/events/{event.id}").status_code == 200
    assert_error(
        client_for(make_user()).post("/book", json={"session_id": event.session_ids[1]}), 409, "session_cancelled"
    )


# -- the facilitator's bookings ---------------------------------------------------------------------


def test_bookings_on_my_events_only_with_status_filter_and_pages(
    priya_client, base, event, arjun, make_event, book_as, priya, client_for, assert_error
):
    first, second = event.session_ids
    meera, meera_client, b1 = book_as("Meera", first)
    ravi, ravi_client, b2 = book_as("Ravi", second)
    arjuns = make_event(title="Breath", facilitator_id=arjun.id, at=AT)
    meera_client.post("/book", json={"session_id": arjuns.session_ids[0]})
    ravi_client.post(f"/bookings/{b2}/cancel", json={"reason": "Clash"})
    _, _, b3 = book_as("Sara", first)

    body = priya_client.get(f"{base}/bookings").get_json()
    assert (body["total"], body["pages"]) == (3, 1)
    assert [b["id"] for b in body["items"]] == [b3, b2, b1]
    item = body["items"][2]
    assert set(item) == {"id", "status", "created_at", "cancelled_at", "cancel_reason", "user", "session", "event"}
    assert item["user"] == {"id": meera.id, "name": "Meera", "email": meera.email}
    assert (item["session"]["id"], item["event"]["id"], item["event"]["title"]) == (
        first,
        event.id,
        "Morning Vinyasa Flow",
    )
    assert item["event"]["facilitator"] == {"id": priya.id, "name": "Dr. Priya Sharma"}

    active = priya_client.get(f"{base}/bookings", query_string={"status": "active"}).get_json()
    assert [b["id"] for b in active["items"]] == [b3, b1]
    cancelled = priya_client.get(f"{base}/bookings", query_string={"status": "cancelled"}).get_json()
    assert [(b["id"], b["user"]["id"], b["cancel_reason"]) for b in cancelled["items"]] == [(b2, ravi.id, "Clash")]
    page = priya_client.get(f"{base}/bookings", query_string={"per_page": 2, "page": 2}).get_json()
    assert ([b["id"] for b in page["items"]], page["page"], page["per_page"], page["total"], page["pages"]) == (
        [b1],
        2,
        2,
        3,
        2,
    )
    assert_error(
        priya_client.get(f"{base}/bookings", query_string={"status": "pending"}), 400, "validation_error", "status"
    )
    assert_error(
        priya_client.get(f"{base}/bookings", query_string={"per_page": 101}), 400, "validation_error", "per_page"
    )
    # arjun sees only the booking on his own event.
    theirs = client_for(arjun).get(f"/api/facilitator/{arjun.id}/bookings").get_json()
    assert [(b["user"]["id"], b["session"]["id"]) for b in theirs["items"]] == [(meera.id, arjuns.session_ids[0])]
