"""Captures a checkout did not ask for: a second payment on a paid checkout, and one of the wrong amount before the
right one. Each is recorded in a payment row of its own and given back; the right one still confirms the seat (or
makes the pass good). At once too, on both databases."""

import pytest
from racing import race
from sqlalchemy import select

from main_app.extensions import db
from main_app.models import Invoice, Payment
from main_app.services.payments import records
from main_app.services.payments.providers.base import PAYMENT_SUCCEEDED

pytestmark = pytest.mark.both_databases

PRICE = 4_500_000  # the paid_session's price


def _book(client, session_id: int) -> dict:
    response = client.post("/book", json={"session_id": session_id})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _reference(booking: dict) -> str:
    return booking["payment"]["checkout_url"].rsplit("/", 1)[1]


def _capture(app, client, reference: str, amount: int = PRICE, attempt: str = ""):
    """A call that posts the test provider's signed "paid" for one attempt at the checkout; its answer's result."""
    with app.app_context():
        body, headers = records.provider("test").signed_event(
            PAYMENT_SUCCEEDED, reference, amount, "INR", attempt=attempt
        )
    headers = {**headers, "Content-Type": "application/json"}
    return lambda: client.post("/payments/webhook/test", data=body, headers=headers).get_json()["result"]


def _rows(app, **paying_for) -> list[tuple]:
    """(status, amount, payment id, refund status, refund amount, surplus of (the index of the row it names),
    invoices) of its payments, by id."""
    with app.app_context():
        payments = db.session.scalars(select(Payment).filter_by(**paying_for).order_by(Payment.id)).all()
        ids = [p.id for p in payments]
        rows = []
        for p in payments:
            kinds = sorted(db.session.scalars(select(Invoice.kind).where(Invoice.payment_id == p.id)))
            of = None if p.surplus_of is None else ids.index(p.surplus_of)
            rows.append((p.status, p.amount, p.payment_id, p.refund_status, p.refund_amount, of, kinds))
        db.session.rollback()
        return rows


def _received_less_refunded(rows: list[tuple]) -> int:
    return sum(amount for status, amount, *_ in rows if status == "succeeded") - sum(r[4] or 0 for r in rows)


def test_a_second_capture_on_a_paid_checkout_is_recorded_and_given_back(
    app, client, user_client, paid_session, payments_lane
):
    booking = _book(user_client, paid_session.id)
    first, second = _capture(app, client, _reference(booking)), _capture(app, client, _reference(booking), attempt="2")
    assert (first(), second()) == ("applied", "applied")
    assert _capture(app, client, _reference(booking), attempt="2")() == "applied"  # its other event: nothing more
    payments_lane()
    seat, extra = _rows(app, booking_id=booking["id"])
    assert seat[:2] == ("succeeded", PRICE) and seat[3:] == (None, None, None, ["invoice"])
    assert extra[:2] == ("succeeded", PRICE) and extra[2] != seat[2]  # the second payment, by its own id
    assert extra[3:6] == ("processed", PRICE, 0)  # given back, naming the checkout's payment it came through
    assert extra[6] == ["credit_note", "invoice"]  # invoiced as the money came in, and credited as it went back
    shown = user_client.get(f"/bookings/{booking['id']}").get_json()
    assert (shown["status"], shown["payment_status"], shown["payment"]["payment_id"]) == (
        "active",
        "succeeded",
        seat[2],
    )
    assert shown["payment"]["refund_status"] is None  # the booking's own payment is the one that bought the seat


def test_the_right_capture_after_a_refunded_wrong_one_confirms_the_seat(
    app, client, user_client, paid_session, payments_lane
):
    booking = _book(user_client, paid_session.id)
    assert _capture(app, client, _reference(booking), amount=100, attempt="1")() == "applied"
    payments_lane()
    held = user_client.get(f"/bookings/{booking['id']}").get_json()
    assert (held["status"], held["payment"]["status"]) == ("pending_payment", "pending")  # still payable
    assert _capture(app, client, _reference(booking), attempt="2")() == "applied"
    payments_lane()
    shown = user_client.get(f"/bookings/{booking['id']}").get_json()
    assert (shown["status"], shown["payment_status"], shown["amount_paid"]) == ("active", "succeeded", PRICE)
    seat, wrong = _rows(app, booking_id=booking["id"])
    assert (seat[0], seat[1], seat[3]) == ("succeeded", PRICE, None)
    assert (wrong[0], wrong[1], wrong[3], wrong[4], wrong[5]) == ("succeeded", 100, "processed", 100, 0)
    assert _received_less_refunded([seat, wrong]) == PRICE


@pytest.mark.parametrize("wrong_first", [False, True], ids=["twice", "wrong-then-right"])
def test_captures_at_once_on_one_checkout_confirm_once_and_give_the_rest_back(
    app, client, user_client, paid_session, payments_lane, wrong_first
):
    booking = _book(user_client, paid_session.id)
    amounts = [100 if wrong_first else PRICE, PRICE, PRICE]
    calls = [_capture(app, client, _reference(booking), amount, str(n)) for n, amount in enumerate(amounts)]
    assert race(calls) == ["applied"] * 3
    payments_lane()
    rows = _rows(app, booking_id=booking["id"])
    assert len(rows) == 3 and all(row[0] == "succeeded" for row in rows)  # every capture has its row
    kept = [row for row in rows if row[3] is None]
    assert len(kept) == 1 and kept[0][1] == PRICE and kept[0][5] is None  # one bought the seat: the checkout's own
    assert all(row[3] == "processed" and row[4] == row[1] for row in rows if row[3] is not None)
    assert _received_less_refunded(rows) == PRICE
    assert user_client.get(f"/bookings/{booking['id']}").get_json()["status"] == "active"
