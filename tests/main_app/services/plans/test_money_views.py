"""What a booking paid is the same in every view that shows it: the Money section, the session's registrants and
their CSV, the session's payment totals, and the person's own booking and list: every succeeded payment (a plan's
deposit and each instalment) less every refund asked, of the payments (by staff too) or of guests' seats, read from
the payments table here and compared with each."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import sqlalchemy as sa

from main_app.extensions import db

DEPOSIT, EACH = 900_000, 1_200_000
SEAT = 80_000
ASKED = ("initiated", "processed")


def from_payments_table(app, booking_ids: list[int]) -> dict[int, int]:
    """{booking id: received less refunds asked}, straight from the payments and guests tables."""
    with app.app_context():
        query = sa.text(
            "SELECT b.id,"
            " (SELECT COALESCE(SUM(amount), 0) FROM payments WHERE booking_id = b.id AND status = 'succeeded')"
            " - (SELECT COALESCE(SUM(COALESCE(refund_amount, amount)), 0) FROM payments"
            "    WHERE booking_id = b.id AND refund_status IN ('initiated', 'processed'))"
            " - (SELECT COALESCE(SUM(staff_refunded), 0) FROM payments WHERE booking_id = b.id)"
            " - (SELECT COALESCE(SUM(refund_amount), 0) FROM booking_guests"
            "    WHERE booking_id = b.id AND refund_status IN ('initiated', 'processed'))"
            " FROM bookings b"
        )
        found = dict(db.session.execute(query).all())
        db.session.rollback()
    return {booking_id: found[booking_id] for booking_id in booking_ids}


def every_view(facilitator_client, facilitator_id: int, session, people: dict) -> dict[str, dict]:
    """{view: {booking id: what it shows the booking paid}} (and each session total as {"total": amount})."""
    base = f"/api/facilitator/{facilitator_id}"
    registrants = facilitator_client.get(f"{base}/sessions/{session.id}/registrants").get_json()
    rows = csv.DictReader(io.StringIO(facilitator_client.get(f"{base}/sessions/{session.id}/registrants.csv").text))
    money = facilitator_client.get(f"{base}/events/{session.event_id}/money").get_json()
    event = facilitator_client.get(f"{base}/events/{session.event_id}").get_json()
    views = {
        "registrants": {item["booking_id"]: item["amount_paid"] for item in registrants["items"]},
        # Rupees with their decimals in the download, minor units everywhere else.
        "registrants.csv": {
            int(row["booking_id"]): int(Decimal(row["amount_paid"]) * 100) for row in rows if row["booking_id"]
        },
        "money": {item["booking_id"]: item["received"] - item["refunded"] for item in money["bookings"]},
        "booking": {},
        "my bookings": {},
        "money total": {"total": money["kept"]},
        "session totals": {"total": event["sessions"][0]["payments"]["paid"]},
        "registrants' session totals": {"total": registrants["session"]["payments"]["paid"]},
    }
    for booking_id, client in people.items():
        views["booking"][booking_id] = client.get(f"/bookings/{booking_id}").get_json()["amount_paid"]
        [mine] = [item for item in client.get("/bookings").get_json()["items"] if item["id"] == booking_id]
        views["my bookings"][booking_id] = mine["amount_paid"]
    return views


def assert_views_agree(app, facilitator_client, facilitator_id: int, session, people: dict) -> None:
    expected = from_payments_table(app, list(people))
    views = every_view(facilitator_client, facilitator_id, session, people)
    total = {"total": sum(expected.values())}
    for view, shown in views.items():
        assert shown == (total if "total" in view else expected), (view, shown, expected)


def test_a_plans_deposit_and_instalment_show_as_one_sum_everywhere(
    app, retreat, priya, priya_client, user_client, make_user, client_for, book_and_pay, pay_instalment
):
    session = retreat()
    planned = book_and_pay(user_client, session.id)
    pay_instalment(user_client, planned["id"], 1)  # deposit ₹9,000 + instalment ₹12,000
    other = client_for(make_user())
    deposit_only = book_and_pay(other, session.id)
    people = {planned["id"]: user_client, deposit_only["id"]: other}
    assert from_payments_table(app, list(people)) == {planned["id"]: DEPOSIT + EACH, deposit_only["id"]: DEPOSIT}
    assert_views_agree(app, priya_client, priya.id, session, people)


def test_refunds_of_payments_and_guests_seats_are_taken_off_everywhere(
    app, client, make_session, priya, priya_client, user_client, make_user, client_for, payments_lane
):
    session = make_session(capacity=8, starts_in=timedelta(days=5), price=SEAT, facilitator_id=priya.id)
    group = user_client.post(
        "/book", json={"session_id": session.id, "seats": 3, "guests": [{"name": "Ana"}, {"name": "Ben"}]}
    ).get_json()
    other = client_for(make_user())
    single = other.post("/book", json={"session_id": session.id}).get_json()
    for booking in (group, single):
        url = booking["payment"]["checkout_url"]
        assert (
            client.post(f"/payments/test/checkout/{url.rsplit('/', 1)[1]}", data={"action": "pay"}).status_code == 303
        )
    ana = user_client.get(f"/bookings/{group['id']}").get_json()["guests"][0]["id"]
    assert user_client.post(f"/bookings/{group['id']}/guests/{ana}/cancel").status_code == 200  # one seat back
    assert other.post(f"/bookings/{single['id']}/cancel", json={}).status_code == 200  # all of it back
    people = {group["id"]: user_client, single["id"]: other}
    assert_views_agree(app, priya_client, priya.id, session, people)  # refunds asked
    payments_lane()
    assert from_payments_table(app, list(people)) == {group["id"]: 2 * SEAT, single["id"]: 0}
    assert_views_agree(app, priya_client, priya.id, session, people)  # and processed


def test_a_studios_partial_refund_of_an_instalment_is_taken_off_everywhere_and_then_the_rest(
    app, retreat, priya, priya_client, user_client, book_and_pay, pay_instalment, payments_lane
):
    session = retreat()
    planned = book_and_pay(user_client, session.id)
    pay_instalment(user_client, planned["id"], 1)
    slug = priya_client.get("/api/studios").get_json()["items"][0]["slug"]
    with app.app_context():
        paid = sa.text("SELECT id FROM payments WHERE booking_id = :b AND status = 'succeeded' ORDER BY id DESC")
        instalment_payment = db.session.execute(paid, {"b": planned["id"]}).scalars().first()
    body = {"amount": 200_000, "reason": "A night of the retreat moved"}
    answer = priya_client.post(f"/api/studios/{slug}/payments/{instalment_payment}/refunds", json=body)
    assert answer.status_code == 201, answer.get_json()
    people = {planned["id"]: user_client}
    assert from_payments_table(app, list(people)) == {planned["id"]: DEPOSIT + EACH - 200_000}
    assert_views_agree(app, priya_client, priya.id, session, people)
    assert user_client.post(f"/bookings/{planned['id']}/cancel", json={}).status_code == 200
    payments_lane()
    assert_views_agree(app, priya_client, priya.id, session, people)  # the money check after the test balances too
