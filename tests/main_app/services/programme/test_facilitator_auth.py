"""Who may call the facilitator API: every route, every kind of caller; a refused call changes nothing."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask_jwt_extended import create_access_token

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import ROLE_ADMIN, utcnow

START = utcnow().replace(microsecond=0) + timedelta(days=10)


@dataclass(frozen=True)
class World:
    """priya's event (two sessions, one booked) and arjun's own event, by id."""

    priya_id: int
    arjun_id: int
    event_id: int
    session_id: int
    other_session_id: int
    arjun_event_id: int
    arjun_session_id: int


def _new_session(days: int) -> dict:
    start = START + timedelta(days=days)
    return {"starts_at": start.isoformat(), "ends_at": (start + timedelta(hours=2)).isoformat(), "capacity": 4}


NEW_EVENT = {"title": "New", "kind": "retreat", "timezone": "UTC", "sessions": [_new_session(1)]}
# name: (method, path under /api/facilitator/<facilitator_id>, body, owner's status, id kind in the path or None)
ROUTES = {
    "list events": ("GET", "/events", None, 200, None),
    "create event": ("POST", "/events", NEW_EVENT, 201, None),
    "get event": ("GET", "/events/{event_id}", None, 200, "event_id"),
    "put event": ("PUT", "/events/{event_id}", {"title": "Renamed"}, 200, "event_id"),
    "patch event": ("PATCH", "/events/{event_id}", {"location": "Hall 2"}, 200, "event_id"),
    "delete event": ("DELETE", "/events/{event_id}", {"reason": "Flooded studio"}, 200, "event_id"),
    "add session": ("POST", "/events/{event_id}/sessions", _new_session(2), 201, "event_id"),
    "put session": ("PUT", "/sessions/{session_id}", {"capacity": 9}, 200, "session_id"),
    "patch session": ("PATCH", "/sessions/{session_id}", _new_session(3), 200, "session_id"),
    "cancel session": ("POST", "/sessions/{session_id}/cancel", {"reason": "Ill"}, 200, "session_id"),
    "registrants": ("GET", "/sessions/{session_id}/registrants", None, 200, "session_id"),
    "registrants csv": ("GET", "/sessions/{session_id}/registrants.csv", None, 200, "session_id"),
    "bookings": ("GET", "/bookings", None, 200, None),
}
READ_ONLY = {"list events", "get event", "registrants", "registrants csv", "bookings"}


@pytest.fixture
def world(priya, arjun, make_event, make_user, client_for) -> World:
    mine = make_event(title="Priya's Flow", facilitator_id=priya.id, sessions=2, capacity=5, at=START)
    theirs = make_event(title="Arjun's Breath", facilitator_id=arjun.id, at=START)
    booker = client_for(make_user(name="Meera Iyer"))
    assert booker.post("/book", json={"session_id": mine.session_ids[0]}).status_code == 201
    return World(
        priya.id, arjun.id, mine.id, mine.session_ids[0], mine.session_ids[1], theirs.id, theirs.session_ids[0]
    )


def call(client, route: str, facilitator_id: int, **ids):
    method, path, body, _status, _kind = ROUTES[route]
    url = f"/api/facilitator/{facilitator_id}" + path.format(**ids)
    return client.open(url, method=method, json=body) if body is not None else client.open(url, method=method)


@pytest.mark.parametrize("route", ROUTES)
def test_only_the_owner_gets_in_and_refusals_change_nothing(
    route,
    world,
    client,
    priya_client,
    arjun_client,
    user_client,
    make_user,
    client_for,
    db_rows,
    outbox,
    assert_error,
):
    ids = {"event_id": world.event_id, "session_id": world.session_id}
    admin_client = client_for(make_user(role=ROLE_ADMIN, name="Ops"))
    refused = [
        ("no token", client, world.priya_id, 401, "unauthorized"),
        ("user token", user_client, world.priya_id, 403, "forbidden"),
        ("admin token", admin_client, world.priya_id, 403, "forbidden"),
        ("other facilitator on the owner's path", arjun_client, world.priya_id, 403, "forbidden"),
        ("owner on another facilitator's path", priya_client, world.arjun_id, 403, "forbidden"),
    ]
    if ROUTES[route][4] is not None:
        # Right path for arjun, but the event or session in it is priya's: the service must refuse too.
        refused.append(("other facilitator on their own path", arjun_client, world.arjun_id, 403, "forbidden"))
    before, messages = db_rows(), outbox()
    assert len(messages) == 1  # the booking made by the world fixture
    for who, caller, facilitator_id, status, code in refused:
        response = call(caller, route, facilitator_id, **ids)
        error = assert_error(response, status, code)
        assert "Meera" not in response.get_data(as_text=True), who
        if status == 401:
            assert response.headers["WWW-Authenticate"] == "Bearer", who
        assert db_rows() == before, f"{route} by {who} changed the database: {error}"
    assert outbox() == messages

    response = call(priya_client, route, world.priya_id, **ids)
    assert response.status_code == ROUTES[route][3], response.get_data(as_text=True)
    if route in READ_ONLY:
        assert db_rows() == before
    else:
        assert db_rows() != before
        assert len(outbox()) > len(messages)


@pytest.mark.parametrize("route", [name for name, spec in ROUTES.items() if spec[4] is not None])
def test_another_facilitators_object_on_your_own_path_is_403_not_404(route, world, arjun_client, db_rows, assert_error):
    """Ownership is checked on the object, not only on the path: arjun's own object works, priya's does not."""
    before = db_rows()
    mine = {"event_id": world.arjun_event_id, "session_id": world.arjun_session_id}
    theirs = {"event_id": world.event_id, "session_id": world.session_id}
    error = assert_error(call(arjun_client, route, world.arjun_id, **theirs), 403, "forbidden")
    assert "another facilitator" in error["message"]
    assert db_rows() == before
    assert call(arjun_client, route, world.arjun_id, **mine).status_code == ROUTES[route][3]


def test_unknown_event_and_session_are_404_for_the_owner(world, priya_client, db_rows, assert_error):
    before = db_rows()
    base = f"/api/facilitator/{world.priya_id}"
    for method, path, body in [
        ("GET", "/events/999", None),
        ("PUT", "/events/999", {"title": "x"}),
        ("PATCH", "/events/999", {"title": "x"}),
        ("DELETE", "/events/999", None),
        ("POST", "/events/999/sessions", _new_session(1)),
    ]:
        assert_error(priya_client.open(base + path, method=method, json=body), 404, "event_not_found")
    for method, path, body in [
        ("PUT", "/sessions/999", {"capacity": 3}),
        ("PATCH", "/sessions/999", {"capacity": 3}),
        ("POST", "/sessions/999/cancel", None),
        ("GET", "/sessions/999/registrants", None),
        ("GET", "/sessions/999/registrants.csv", None),
    ]:
        assert_error(priya_client.open(base + path, method=method, json=body), 404, "session_not_found")
    assert db_rows() == before


def test_a_bad_or_expired_token_is_401(world, app, priya, client, assert_error):
    url = f"/api/facilitator/{world.priya_id}/events"
    assert_error(client.get(url, headers={"Authorization": "Bearer not-a-jwt"}), 401, "invalid_token")
    with app.app_context():
        expired = create_access_token(identity=str(priya.id), expires_delta=timedelta(seconds=-1))
    assert_error(client.get(url, headers={"Authorization": f"Bearer {expired}"}), 401, "token_expired")


def test_a_demoted_facilitator_loses_access_at_once(app, world, priya_client, assert_error):
    assert priya_client.get(f"/api/facilitator/{world.priya_id}/events").status_code == 200
    with app.app_context(), unit_of_work():
        db.session.execute(sa.text("UPDATE users SET role = 'user' WHERE id = :id"), {"id": world.priya_id})
    assert_error(priya_client.get(f"/api/facilitator/{world.priya_id}/events"), 403, "forbidden")


def test_facilitators_do_not_book(world, priya_client, arjun_client, seats, outbox, assert_error):
    """Product decision: a facilitator token on POST /book (either path) is 403, nothing is booked."""
    messages = outbox()
    for path in ("/book", "/bookings/book"):
        error = assert_error(arjun_client.post(path, json={"session_id": world.session_id}), 403, "forbidden")
        assert error["message"] == "This action needs the user role."
        assert_error(priya_client.post(path, json={"session_id": world.other_session_id}), 403, "forbidden")
    assert seats(world.session_id) == (5, 1)
    assert seats(world.other_session_id) == (5, 0)
    assert outbox() == messages
