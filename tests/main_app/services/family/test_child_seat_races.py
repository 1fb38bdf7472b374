"""Two guardians of one family book a seat for the same child at the same moment, on both databases: the child's
one-seat index decides, so one booking is made and one seat taken, whether it was the last seat or not."""

import pytest
from racing import race

from main_app.extensions import db
from main_app.models import SEAT_HOLDING, Booking

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
