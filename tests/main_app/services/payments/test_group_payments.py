"""Paid bookings for several people: one payment for every seat, the guests told once it is paid, and refunds per
seat: one guest's seat given back before the cut-off is one seat's price back, the rest of the booking the rest."""

from datetime import timedelta

import sqlalchemy as sa

from main_app.extensions import db

HOUR, DAY = timedelta(hours=1), timedelta(days=1)
PRICE = 150_000  # ₹1,500.00
ANA = {"name": "Ana Silva", "email": "ana@example.com"}
BEN = {"name": "Ben Okafor", "email": "ben@example.com"}


def seats_taken(app, session_id: int) -> int:
    with app.app_context():
        return db.session.scalar(sa.text("SELECT seats_taken FROM sessions WHERE id = :id"), {"id": session_id})


def answer_checkout(client, booking: dict, action: str):
    """Press Pay or Decline on the test checkout page, as the person's browser does."""
    return client.post(
        f"/payments/test/checkout/{booking['payment']['checkout_url'].rsplit('/', 1)[1]}", data={"action": action}
    )


def crm_types(outbox) -> list[str]:
    return [m["type"] for m in outbox()]


def book_group(client, session_id: int, seats: int, guests=()) -> dict:
    response = client.post("/book", json={"session_id": session_id, "seats": seats, "guests": list(guests)})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def paid_group(client, user_client, session_id: int) -> dict:
    booking = book_group(user_client, session_id, 3, [ANA, BEN])
    answer_checkout(client, booking, "pay")
    return user_client.get(f"/bookings/{booking['id']}").get_json()


def test_three_seats_are_one_payment_and_the_guests_hear_once_it_is_paid(
    app, client, user_client, make_session, outbox, email_outbox
):
    session = make_session(capacity=5, starts_in=3 * DAY, price=PRICE)
    held = book_group(user_client, session.id, 3, [ANA, BEN])
    assert (held["status"], held["payment"]["amount"], held["seats"]) == ("pending_payment", 3 * PRICE, 3)
    assert seats_taken(app, session.id) == 3
    assert [m for m in email_outbox() if m["type"] == "guest_confirmed"] == []  # not before it is paid
    answer_checkout(client, held, "pay")
    paid = user_client.get(f"/bookings/{held['id']}").get_json()
    assert (paid["status"], paid["amount_paid"]) == ("active", 3 * PRICE)
    told = [m["payload"]["snapshot"]["to"]["email"] for m in email_outbox() if m["type"] == "guest_confirmed"]
    assert told == ["ana@example.com", "ben@example.com"]
    [created] = [m for m in outbox() if m["type"] == "booking_created"]
    assert created["payload"]["data"]["seats"] == 3 and len(created["payload"]["data"]["guests"]) == 2


def test_a_guests_seat_given_back_in_time_refunds_one_seat_and_the_rest_refunds_the_rest(
    app, client, user_client, make_session, payments_lane, priya, priya_client, outbox
):
    session = make_session(capacity=5, starts_in=3 * DAY, price=PRICE, facilitator_id=priya.id)
    booking = paid_group(client, user_client, session.id)
    ana = booking["guests"][0]["id"]
    answer = user_client.post(f"/bookings/{booking['id']}/guests/{ana}/cancel")
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["seats"] == 2 and seats_taken(app, session.id) == 2
    payments_lane()
    [cancelled] = [m for m in outbox() if m["type"] == "guest_cancelled"]
    assert cancelled["payload"]["data"]["refund"] == {"amount": PRICE, "currency": "INR"}
    assert crm_types(outbox).count("refund_processed") == 1
    # The booker sees that seat's refund on their booking (the booking's own payment is not refunded).
    given_back = user_client.get(f"/bookings/{booking['id']}").get_json()["guests"][0]
    assert (given_back["status"], given_back["refund_status"], given_back["refund_amount"]) == (
        "cancelled",
        "processed",
        PRICE,
    )
    base = f"/api/facilitator/{priya.id}"
    totals = priya_client.get(f"{base}/events/{session.event_id}").get_json()["sessions"][0]["payments"]
    assert totals == {"paid": 2 * PRICE, "pending": 0, "refunded": PRICE}
    assert user_client.post(f"/bookings/{booking['id']}/cancel").status_code == 200
    payments_lane()
    body = user_client.get(f"/bookings/{booking['id']}").get_json()
    assert (body["status"], body["payment"]["refund_amount"]) == ("refunded", 2 * PRICE)
    totals = priya_client.get(f"{base}/events/{session.event_id}").get_json()["sessions"][0]["payments"]
    assert totals == {"paid": 0, "pending": 0, "refunded": 3 * PRICE}
    assert seats_taken(app, session.id) == 0
    # One invoice for the three seats, a credit note for the guest's seat, then one for the rest.
    documents = [(d["kind"], d["total"]) for d in user_client.get("/me/invoices").get_json()["items"]]
    assert documents == [("credit_note", 2 * PRICE), ("credit_note", PRICE), ("invoice", 3 * PRICE)]


def test_a_guests_seat_given_back_after_the_cut_off_is_not_refunded(
    app, client, user_client, make_session, payments_lane, outbox
):
    session = make_session(capacity=5, starts_in=10 * HOUR, price=PRICE, refund_until_hours=24)
    booking = paid_group(client, user_client, session.id)
    user_client.post(f"/bookings/{booking['id']}/guests/{booking['guests'][1]['id']}/cancel")
    payments_lane()
    [cancelled] = [m for m in outbox() if m["type"] == "guest_cancelled"]
    assert cancelled["payload"]["data"]["refund"] is None
    given_back = user_client.get(f"/bookings/{booking['id']}").get_json()["guests"][1]
    assert (given_back["refund_status"], given_back["refund_amount"]) == (None, None)
    assert "refund_processed" not in crm_types(outbox)


def test_a_held_booking_gives_back_its_seats_whole_only(app, user_client, make_session, assert_error):
    session = make_session(capacity=5, starts_in=3 * DAY, price=PRICE)
    held = book_group(user_client, session.id, 2, [ANA])
    path = f"/bookings/{held['id']}/guests/{held['guests'][0]['id']}/cancel"
    assert_error(user_client.post(path), 409, "not_active")
    assert user_client.post(f"/bookings/{held['id']}/cancel").status_code == 200
    assert seats_taken(app, session.id) == 0


def test_a_group_paid_again_after_a_refund_is_refunded_by_the_seats_of_its_new_payment(
    app, client, user_client, make_session, payments_lane, outbox
):
    session = make_session(capacity=5, starts_in=3 * DAY, price=PRICE)
    booking = paid_group(client, user_client, session.id)
    first, second = (guest["id"] for guest in booking["guests"])
    user_client.post(f"/bookings/{booking['id']}/guests/{first}/cancel")  # one seat back: PRICE
    user_client.post(f"/bookings/{booking['id']}/cancel")  # the other two: twice PRICE
    payments_lane()
    again = user_client.post(f"/bookings/{booking['id']}/reactivate").get_json()
    assert (again["status"], again["seats"], again["payment"]["amount"]) == ("pending_payment", 2, 2 * PRICE)
    answer_checkout(client, again, "pay")
    user_client.post(f"/bookings/{booking['id']}/guests/{second}/cancel")
    refunded = [m["payload"]["data"]["refund"] for m in outbox() if m["type"] == "guest_cancelled"]
    assert refunded == [{"amount": PRICE, "currency": "INR"}, {"amount": PRICE, "currency": "INR"}]
    assert user_client.post(f"/bookings/{booking['id']}/cancel").status_code == 200
    payments_lane()
    body = user_client.get(f"/bookings/{booking['id']}").get_json()
    assert (body["status"], body["payment"]["refund_amount"], body["payment"]["amount"]) == (
        "refunded",
        PRICE,
        2 * PRICE,
    )
    assert seats_taken(app, session.id) == 0
