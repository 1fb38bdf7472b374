"""A guardian puts a child of their family in a full session's waiting list beside their own place: one place per
child in a line, whichever guardian joined; a freed seat becomes the child's booking (at once, or through an
offer); a child leaves the line alone, is taken out of it when booked another way, and is not erased while waiting;
an event's ages are checked at joining as at booking."""

from datetime import date, timedelta

import pytest

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import SEAT_HOLDING, Booking, WaitlistEntry, utcnow


@pytest.fixture
def full(make_session, people):
    """full(capacity=1, **settings): a session whose seats are all booked: (session, [(client, booking id)])."""

    def make(capacity: int = 1, **kwargs):
        session = make_session(capacity=capacity, **kwargs)
        booked = []
        for _account, client in people(capacity):
            answer = client.post("/bookings/book", json={"session_id": session.id})
            assert answer.status_code == 201, answer.get_json()
            booked.append((client, answer.get_json()["id"]))
        return session, booked

    return make


def _join(client, session_id: int, child: dict | None = None):
    return client.post(f"/sessions/{session_id}/waitlist", json={"dependent_id": child and child["id"]})


def _places(app, session_id: int) -> list[tuple[int, int | None]]:
    """(user id, dependent id) of each place in the session's line, in line order."""
    with app.app_context():
        line = db.select(WaitlistEntry).where(WaitlistEntry.session_id == session_id).order_by(WaitlistEntry.id)
        return [(place.user_id, place.dependent_id) for place in db.session.scalars(line)]


def _seats_held(app, session_id: int) -> list[tuple[int, int | None]]:
    with app.app_context():
        held = db.select(Booking).where(Booking.session_id == session_id, Booking.status.in_(SEAT_HOLDING))
        return [(b.user_id, b.dependent_id) for b in db.session.scalars(held.order_by(Booking.id))]


def test_a_guardian_waits_for_their_own_seat_and_one_per_child_and_my_bookings_name_each(
    app, user, user_client, make_user, client_for, join_family, add_child, full, assert_error
):
    session, _booked = full()
    asha, ravi = add_child(user_client), add_child(user_client, name="Ravi")
    positions = [_join(user_client, session.id, child).get_json()["position"] for child in (None, asha, ravi)]
    assert positions == [1, 2, 3]
    assert_error(_join(user_client, session.id, asha), 409, "already_waiting")
    assert_error(_join(user_client, session.id), 409, "already_waiting")
    other = make_user(name="Second guardian")
    join_family(user, other)
    assert_error(_join(client_for(other), session.id, asha), 409, "already_waiting")  # one place per child
    waiting = user_client.get("/bookings").get_json()["waiting"]
    assert [(p["position"], p["for"]) for p in waiting] == [
        (1, None),
        (2, {"id": asha["id"], "name": asha["name"]}),
        (3, {"id": ravi["id"], "name": "Ravi"}),
    ]
    assert _places(app, session.id) == [(user.id, None), (user.id, asha["id"]), (user.id, ravi["id"])]


def test_a_freed_seat_becomes_the_childs_booking_and_staff_see_whom_each_is_for(
    app, user, user_client, facilitator, facilitator_client, add_child, full, seats
):
    session, [(holder, booking_id)] = full()
    asha, ravi = add_child(user_client), add_child(user_client, name="Ravi")
    for child in (asha, ravi):
        assert _join(user_client, session.id, child).status_code == 201
    path = f"/api/facilitator/{facilitator.id}/sessions/{session.id}/registrants"
    line = facilitator_client.get(path).get_json()["waiting"]
    assert [(p["position"], p["name"], p["child"]) for p in line] == [
        (1, user.name, {"id": asha["id"], "name": asha["name"]}),
        (2, user.name, {"id": ravi["id"], "name": "Ravi"}),
    ]
    assert holder.post(f"/bookings/{booking_id}/cancel").status_code == 200
    assert _seats_held(app, session.id) == [(user.id, asha["id"])]
    assert _places(app, session.id) == [(user.id, ravi["id"])] and seats(session.id) == (1, 1)
    [booking] = user_client.get("/bookings").get_json()["items"]
    assert booking["for"] == {"id": asha["id"], "name": asha["name"]}
    registrants = facilitator_client.get(path).get_json()["items"]
    assert [(r["name"], r["child"]) for r in registrants if r["status"] == "active"] == [
        (user.name, {"id": asha["id"], "name": asha["name"]})
    ]


def test_an_offered_seat_taken_by_the_guardian_is_the_childs_and_each_email_names_the_child(
    app, user, user_client, facilitator, facilitator_client, add_child, full, email_outbox
):
    session, [(holder, booking_id)] = full()
    changed = facilitator_client.patch(
        f"/api/facilitator/{facilitator.id}/sessions/{session.id}", json={"waitlist_mode": "offer"}
    )
    assert changed.status_code == 200, changed.get_json()
    asha = add_child(user_client)
    assert _join(user_client, session.id, asha).status_code == 201
    assert holder.post(f"/bookings/{booking_id}/cancel").status_code == 200
    [place] = user_client.get("/bookings").get_json()["waiting"]
    assert place["status"] == "offered" and place["for"]["id"] == asha["id"]
    taken = user_client.post("/waitlist/offers/" + place["offer_path"].removeprefix("/offers/") + "/accept")
    assert taken.status_code in (200, 201), taken.get_json()
    assert _seats_held(app, session.id) == [(user.id, asha["id"])]
    named = {
        m["type"]: m["payload"]["snapshot"].get("child") for m in email_outbox() if m["type"] != "booking_cancelled"
    }
    asha_named = {"id": asha["id"], "name": asha["name"]}
    assert {kind: named.get(kind) for kind in ("waitlist_joined", "waitlist_offer", "waitlist_promoted")} == {
        "waitlist_joined": asha_named,
        "waitlist_offer": asha_named,
        "waitlist_promoted": asha_named,
    }


def test_a_child_leaves_the_line_alone_and_another_familys_child_is_not_found(
    app, user, user_client, make_user, client_for, add_child, full, assert_error
):
    session, _booked = full()
    asha = add_child(user_client)
    theirs = add_child(client_for(make_user(name="Other parent")))
    assert _join(user_client, session.id).status_code == 201
    assert _join(user_client, session.id, asha).status_code == 201
    assert_error(_join(user_client, session.id, theirs), 404, "dependent_not_found")
    path = f"/sessions/{session.id}/waitlist"
    assert_error(user_client.delete(f"{path}?dependent_id={theirs['id']}"), 404, "dependent_not_found")
    assert user_client.delete(f"{path}?dependent_id={asha['id']}").status_code == 204
    assert _places(app, session.id) == [(user.id, None)]
    assert_error(user_client.delete(f"{path}?dependent_id={asha['id']}"), 404, "not_waiting")


def test_booking_the_child_another_way_ends_their_place_only(app, user, user_client, add_child, full):
    session, _booked = full(capacity=1)
    asha = add_child(user_client)
    assert _join(user_client, session.id).status_code == 201
    assert _join(user_client, session.id, asha).status_code == 201
    with app.app_context(), unit_of_work():  # a seat added behind the line's back: nobody is promoted to it
        db.session.execute(db.text("UPDATE sessions SET capacity = 2 WHERE id = :id"), {"id": session.id})
    booked = user_client.post("/bookings/book", json={"session_id": session.id, "dependent_id": asha["id"]})
    assert booked.status_code == 201, booked.get_json()
    assert _places(app, session.id) == [(user.id, None)]  # the guardian still waits for their own seat


def test_a_waiting_child_is_not_erased_until_taken_out_of_the_line(user_client, add_child, full, assert_error):
    session, _booked = full()
    asha = add_child(user_client)
    assert _join(user_client, session.id, asha).status_code == 201
    assert_error(user_client.delete(f"/me/family/children/{asha['id']}"), 409, "dependent_waiting")
    assert user_client.delete(f"/sessions/{session.id}/waitlist?dependent_id={asha['id']}").status_code == 204
    assert user_client.delete(f"/me/family/children/{asha['id']}").status_code == 204


def test_an_events_ages_are_checked_when_a_child_joins_its_line(
    facilitator, facilitator_client, user_client, add_child, full, assert_error
):
    session, _booked = full(starts_in=timedelta(days=10))
    day = (utcnow() + timedelta(days=10)).date()
    seven = add_child(user_client, date_of_birth=date(day.year - 7, day.month, min(day.day, 28)).isoformat())
    answer = facilitator_client.patch(
        f"/api/facilitator/{facilitator.id}/events/{session.event_id}", json={"min_age": 8, "max_age": 12}
    )
    assert answer.status_code == 200, answer.get_json()
    assert_error(_join(user_client, session.id, seven), 422, "age_outside_range")
    assert_error(_join(user_client, session.id), 422, "age_outside_range")  # an adult, from a kids' class
