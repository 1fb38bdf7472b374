"""The plain-function booking document (services.bookings.documents) that POST /book answers with is exactly what
BookingSchema dumps for the same booking, free or paid, in every state."""

from datetime import timedelta

import pytest

from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.schemas.bookings import BookingSchema
from main_app.services.bookings.documents import booking_document
from main_app.services.bookings.operations import get_booking


def documents(app, booking_id: int) -> tuple[dict, dict]:
    """(booking_document, BookingSchema's dump) of one booking loaded as the API loads it."""
    with app.app_context():
        booking = get_booking(booking_id)
        event = booking.session.event
        plain = booking_document(
            booking,
            booking.session,
            event,
            event.facilitator.name,
            booking.reminders_at,
            booking.payment,
            amount_paid=booking.paid,
            instructor_name=booking.session.instructor.name,
        )
        dumped = BookingSchema().dump(booking)
        db.session.remove()
    return plain, dumped


def test_the_answer_to_a_booking_is_what_the_schema_gives(app, user_client, make_session):
    session = make_session(title="Morning Flow", location="Lotus Studio", timezone="Asia/Kolkata")
    answer = user_client.post("/book", json={"session_id": session.id})
    assert answer.status_code == 201
    plain, dumped = documents(app, answer.get_json()["id"])
    assert answer.get_json() == plain == dumped
    assert user_client.get(f"/bookings/{plain['id']}").get_json() == dumped


@pytest.mark.parametrize("state", ["cancelled", "reactivated", "held", "paid", "refunded"])
def test_every_state_of_a_booking(app, client, user_client, make_session, state):
    price = 0 if state in ("cancelled", "reactivated") else 80_000
    session = make_session(price=price, starts_in=timedelta(days=5))
    booking = user_client.post("/book", json={"session_id": session.id}).get_json()
    if state in ("paid", "refunded"):  # Pay on the test provider's checkout page, as the person's browser does
        reference = booking["payment"]["checkout_url"].rsplit("/", 1)[1]
        client.post(f"/payments/test/checkout/{reference}", data={"action": "pay"})
    if state in ("cancelled", "reactivated", "refunded"):
        user_client.post(f"/bookings/{booking['id']}/cancel", json={"reason": "Travel <plans>"})
    if state == "reactivated":
        user_client.post(f"/bookings/{booking['id']}/reactivate")
    if state == "refunded":
        with app.app_context():
            lane = build_dispatcher(app.config, channel="payments")
            try:
                while lane.run_once():
                    pass
            finally:
                lane.close()
    plain, dumped = documents(app, booking["id"])
    assert plain == dumped
    assert (plain["payment"] is None) == (price == 0)
    expected = {"cancelled": "cancelled", "reactivated": "active", "held": "pending_payment", "paid": "active"}
    assert plain["status"] == expected.get(state, "refunded")
