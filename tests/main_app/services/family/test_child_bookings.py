"""A guardian books a seat for a child of their family beside their own: one seat per child in a session, whoever
books it; another family's child is a 404; an event's ages leave out a child (or an adult) outside them."""

from datetime import date, timedelta

from main_app.extensions import db
from main_app.models import Booking, utcnow


def _book(client, session_id: int, child: dict | None = None):
    body = {"session_id": session_id, **({"dependent_id": child["id"]} if child else {})}
    return client.post("/bookings/book", json=body)


def test_a_guardian_books_their_own_seat_and_one_per_child(
    app, user_client, make_session, seats, add_child, assert_error
):
    session = make_session(capacity=5)
    asha, ravi = add_child(user_client), add_child(user_client, name="Ravi")
    for child in (None, asha, ravi):
        assert _book(user_client, session.id, child).status_code == 201
    assert seats(session.id) == (5, 3)
    assert_error(_book(user_client, session.id, asha), 409, "already_booked")
    assert_error(_book(user_client, session.id), 409, "already_booked")
    with app.app_context():
        booked = db.session.scalars(db.select(Booking.dependent_id).order_by(Booking.id)).all()
    assert booked == [None, asha["id"], ravi["id"]]


def test_a_second_guardian_cannot_book_the_same_child_twice(
    user, user_client, make_user, client_for, make_session, add_child, join_family, assert_error
):
    session, other = make_session(), make_user(name="Second guardian")
    asha = add_child(user_client)
    join_family(user, other)
    assert _book(client_for(other), session.id, asha).status_code == 201
    assert_error(_book(user_client, session.id, asha), 409, "already_booked")
    assert _book(user_client, session.id).status_code == 201  # the guardian's own seat is another matter


def test_another_familys_child_is_not_found(
    user_client, make_user, client_for, make_session, seats, add_child, assert_error
):
    session = make_session()
    theirs = add_child(client_for(make_user(name="Other parent")))
    assert_error(_book(user_client, session.id, theirs), 404, "dependent_not_found")
    assert_error(_book(user_client, session.id, {"id": 10_000}), 404, "dependent_not_found")
    assert seats(session.id) == (5, 0)


def _ages(client, facilitator_id: int, event_id: int, low: int | None, high: int | None) -> None:
    """The event's facilitator sets its age range."""
    path = f"/api/facilitator/{facilitator_id}/events/{event_id}"
    answer = client.patch(path, json={"min_age": low, "max_age": high})
    assert answer.status_code == 200, answer.get_json()


def test_an_events_ages_leave_out_a_child_outside_them_and_adults_from_a_kids_class(
    facilitator, facilitator_client, user_client, make_session, add_child, assert_error
):
    session = make_session(starts_in=timedelta(days=10))
    day = (utcnow() + timedelta(days=10)).date()
    seven = add_child(user_client, date_of_birth=date(day.year - 7, day.month, min(day.day, 28)).isoformat())
    _ages(facilitator_client, facilitator.id, session.event_id, 8, 12)
    refused = assert_error(_book(user_client, session.id, seven), 422, "age_outside_range")
    assert "8-12" in refused["message"] and "7" in refused["message"]
    assert_error(_book(user_client, session.id), 422, "age_outside_range")  # an adult counts as 18
    _ages(facilitator_client, facilitator.id, session.event_id, 6, 12)
    assert _book(user_client, session.id, seven).status_code == 201
    _ages(facilitator_client, facilitator.id, session.event_id, 16, None)
    other = make_session()
    _ages(facilitator_client, facilitator.id, other.event_id, 16, None)
    assert _book(user_client, other.id).status_code == 201


def test_an_events_age_range_is_shown_and_leaves_some_age_in(
    facilitator, facilitator_client, client, make_session, assert_error
):
    session = make_session()
    path = f"/api/facilitator/{facilitator.id}/events/{session.event_id}"
    _ages(facilitator_client, facilitator.id, session.event_id, 4, 10)
    shown = client.get(f"/events/{session.event_id}").get_json()
    assert (shown["min_age"], shown["max_age"]) == (4, 10)
    day = shown["sessions"][0]["starts_at"][:10]  # the timetable's row says it too, before anyone opens the event
    days = client.get(f"/timetable?from={day}&to={day}").get_json()["days"]
    rows = [row for each in days for row in each["sessions"]]
    assert [(row["event"]["min_age"], row["event"]["max_age"]) for row in rows] == [(4, 10)]
    refused = assert_error(facilitator_client.patch(path, json={"max_age": 3}), 400, "validation_error")
    assert refused["details"] == {"max_age": ["Must be at least min_age (4)."]}
    assert_error(facilitator_client.patch(path, json={"min_age": 12, "max_age": 11}), 400, "validation_error")
    assert facilitator_client.patch(path, json={"min_age": 12, "max_age": None}).status_code == 200
    shown = client.get(f"/events/{session.event_id}").get_json()
    assert (shown["min_age"], shown["max_age"]) == (12, None)


def test_a_childs_booking_is_cancelled_like_the_guardians_and_blocks_erasing_them(
    user_client, make_session, seats, add_child, assert_error
):
    session = make_session()
    asha = add_child(user_client)
    booking = _book(user_client, session.id, asha).get_json()
    assert_error(user_client.delete(f"/me/family/children/{asha['id']}"), 409, "dependent_booked")
    assert user_client.post(f"/bookings/{booking['id']}/cancel").status_code == 200
    assert seats(session.id) == (5, 0)
    assert user_client.delete(f"/me/family/children/{asha['id']}").status_code == 204


def test_my_bookings_and_their_emails_say_whom_each_is_for(user_client, make_session, add_child, email_outbox):
    first, second = make_session(), make_session()
    asha = add_child(user_client)
    booked = _book(user_client, first.id, asha).get_json()
    [mail] = [m for m in email_outbox() if m["type"] == "booking_confirmed"]
    assert mail["payload"]["snapshot"]["child"] == {"id": asha["id"], "name": "Asha"}
    assert booked["for"] == {"id": asha["id"], "name": "Asha"}
    assert _book(user_client, second.id).get_json()["for"] is None
    mails = [m["payload"]["snapshot"] for m in email_outbox() if m["type"] == "booking_confirmed"]
    assert [snapshot.get("child") for snapshot in mails] == [{"id": asha["id"], "name": "Asha"}, None]
    shown = {b["session_id"]: b["for"] for b in user_client.get("/bookings").get_json()["items"]}
    assert shown == {first.id: {"id": asha["id"], "name": "Asha"}, second.id: None}
    assert user_client.get(f"/bookings/{booked['id']}").get_json()["for"] == {"id": asha["id"], "name": "Asha"}


def test_a_paid_seat_for_a_child_is_held_for_the_guardian_to_pay(user_client, make_session, seats, add_child):
    session = make_session(capacity=3, price=80_000)
    asha = add_child(user_client)
    assert _book(user_client, session.id).get_json()["status"] == "pending_payment"
    held = _book(user_client, session.id, asha)
    assert held.status_code == 201, held.get_json()
    booked = held.get_json()
    assert (booked["status"], booked["for"]) == ("pending_payment", {"id": asha["id"], "name": "Asha"})
    assert booked["payment"]["checkout_url"] and seats(session.id) == (3, 2)
    assert _book(user_client, session.id, asha).status_code == 409
