"""Two guardians of one family book a seat for the same child at the same moment, on both databases: the child's
one-seat index decides, so one booking is made and one seat taken, whether it was the last seat or not. And a child
erased while booked: the child's row lock orders them, so no seat is ever held for a deleted child."""

import pytest
from racing import race

from main_app.extensions import db
from main_app.models import SEAT_HOLDING, Booking, WaitlistEntry

pytestmark = pytest.mark.both_databases


@pytest.mark.parametrize("capacity", [1, 3], ids=["last-seat", "seats-to-spare"])
def test_two_guardians_booking_one_child_at_once_make_one_booking(
    app, capacity, user, user_client, make_user, client_for, make_session, seats, add_child, join_family
):
    session = make_session(capacity=capacity)
    asha = add_child(user_client)
    other = make_user(name="Second guardian")
    join_family(user, other)
    body = {"session_id": session.id, "dependent_id": asha["id"]}
    answers = race([lambda c=c: c.post("/bookings/book", json=body) for c in (user_client, client_for(other))])
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [201, 409], [answer.get_json() for answer in answers]
    refused = next(answer for answer in answers if answer.status_code == 409).get_json()["error"]["code"]
    assert refused in ({"already_booked", "session_full"} if capacity == 1 else {"already_booked"})
    assert seats(session.id) == (capacity, 1)
    with app.app_context():
        held = db.session.scalars(db.select(Booking).where(Booking.status.in_(SEAT_HOLDING))).all()
        assert [(b.dependent_id, b.seats) for b in held] == [(asha["id"], 1)]


def test_erasing_a_child_while_they_are_booked_leaves_no_seat_for_an_erased_child(
    app, user, user_client, make_session, seats, add_child
):
    # Each round one wins: the booking first, and the erasure waits for it and finds its seat (409); or the erasure
    # first, and the booking, under the child's lock, finds them gone (404): never a seat held for a deleted child.
    for _ in range(3):
        session = make_session(capacity=2)
        child = add_child(user_client)
        body = {"session_id": session.id, "dependent_id": child["id"]}
        path = f"/me/family/children/{child['id']}"
        book = lambda b=body: ("book", user_client.post("/bookings/book", json=b))  # noqa: E731
        erase = lambda p=path: ("erase", user_client.delete(p))  # noqa: E731
        answers = dict(race([book, erase]))  # in finishing order: named
        booked, erased = answers["book"], answers["erase"]
        outcome = (booked.status_code, erased.status_code)
        assert outcome in {(201, 409), (404, 204)}, (outcome, booked.data, erased.data)
        assert seats(session.id) == (2, 1 if booked.status_code == 201 else 0)
        with app.app_context():
            held = db.session.scalars(db.select(Booking).where(Booking.session_id == session.id)).all()
            assert [b.dependent_id for b in held] == ([child["id"]] if booked.status_code == 201 else [])


def _full(make_session, make_user, client_for) -> int:
    """A session of one seat, booked by someone else: its id."""
    session = make_session(capacity=1)
    taken = client_for(make_user(name="Seat holder")).post("/bookings/book", json={"session_id": session.id})
    assert taken.status_code == 201, taken.get_json()
    return session.id


def test_two_guardians_putting_one_child_in_line_at_once_make_one_place(
    app, user, user_client, make_user, client_for, make_session, add_child, join_family
):
    session_id = _full(make_session, make_user, client_for)
    asha = add_child(user_client)
    other = make_user(name="Second guardian")
    join_family(user, other)
    path, body = f"/sessions/{session_id}/waitlist", {"dependent_id": asha["id"]}
    answers = race([lambda c=c: c.post(path, json=body) for c in (user_client, client_for(other))])
    assert sorted(answer.status_code for answer in answers) == [201, 409], [a.get_json() for a in answers]
    assert next(a for a in answers if a.status_code == 409).get_json()["error"]["code"] == "already_waiting"
    with app.app_context():
        assert db.session.scalars(db.select(WaitlistEntry.dependent_id)).all() == [asha["id"]]


def test_erasing_a_child_while_they_join_a_line_leaves_no_place_for_an_erased_child(
    app, user_client, make_user, client_for, make_session, add_child
):
    # As for a seat: the join holds the child's row once its place is written, the erasure locks it first.
    for _ in range(3):
        session_id = _full(make_session, make_user, client_for)
        child = add_child(user_client)
        path = f"/me/family/children/{child['id']}"
        line, body = f"/sessions/{session_id}/waitlist", {"dependent_id": child["id"]}
        join = lambda p=line, b=body: ("join", user_client.post(p, json=b))  # noqa: E731
        erase = lambda p=path: ("erase", user_client.delete(p))  # noqa: E731
        answers = dict(race([join, erase]))
        outcome = (answers["join"].status_code, answers["erase"].status_code)
        assert outcome in {(201, 409), (404, 204)}, (outcome, answers["join"].data, answers["erase"].data)
        with app.app_context():
            waiting = db.session.scalars(db.select(WaitlistEntry).where(WaitlistEntry.session_id == session_id)).all()
            assert [place.dependent_id for place in waiting] == ([child["id"]] if outcome[0] == 201 else [])
