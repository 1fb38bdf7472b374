"""A facilitator changing a session's price while people book it with a code: the price, the code's discount and
the amount charged are one consistent snapshot, read under the session's lock; a checkout never asks ≤ 0, and a
booking the code makes free books without one."""

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa
from racing import race

from main_app.extensions import db
from main_app.models import Booking, CodeUse, Payment
from main_app.services.bookings import operations  # a booking quotes its code through discounts' face

pytestmark = pytest.mark.both_databases

OLD, NEW = 100_000, 60_000


@pytest.fixture
def make_code(facilitator_client, facilitator):
    def make(**terms) -> dict:
        made = facilitator_client.post(f"/api/facilitator/{facilitator.id}/codes", json={"code": "HALF", **terms})
        assert made.status_code == 201, made.get_json()
        return made.get_json()

    return make


@pytest.fixture
def paid(make_session, facilitator):
    return make_session(price=OLD, capacity=50, starts_in=timedelta(days=3), facilitator_id=facilitator.id)


@pytest.fixture
def reprice(facilitator_client, facilitator):
    """Change a session's price as its facilitator: the answer."""

    def change(session_id: int, price: int):
        path = f"/api/facilitator/{facilitator.id}/sessions/{session_id}"
        return facilitator_client.patch(path, json={"price": price})

    return change


@pytest.fixture
def changed_after_the_quote(monkeypatch, reprice):
    """The facilitator's new price commits between a booking's read of the session (and its code's quote) and its
    transaction: the moment the race hits."""

    def arm(session_id: int, price: int) -> None:
        real = operations.quote_code

        def quote_then_change(*args, **kwargs):
            found = real(*args, **kwargs)
            monkeypatch.setattr(operations, "quote_code", real)  # once
            answers = []
            worker = threading.Thread(target=lambda: answers.append(reprice(session_id, price)))
            worker.start()
            worker.join(30)
            assert answers[0].status_code == 200, answers[0].get_json()
            return found

        monkeypatch.setattr(operations, "quote_code", quote_then_change)

    return arm


def charged(app, booking_id: int) -> list[tuple[int, int]]:
    """(amount asked, code's amount off) of each checkout of the booking."""
    with app.app_context():
        off = db.session.scalar(sa.select(sa.func.sum(CodeUse.amount_off)).where(CodeUse.booking_id == booking_id))
        amounts = db.session.scalars(sa.select(Payment.amount).where(Payment.booking_id == booking_id)).all()
    return [(amount, off) for amount in amounts]


def test_a_price_dropped_after_the_quote_is_charged_with_its_own_discount(
    app, make_code, paid, user_client, changed_after_the_quote
):
    make_code(percent_off=50)
    changed_after_the_quote(paid.id, NEW)
    booked = user_client.post("/book", json={"session_id": paid.id, "code": "half"})
    assert booked.status_code == 201, booked.get_json()
    assert booked.get_json()["payment"]["amount"] == NEW // 2  # the new price with the code, not 10,000
    assert charged(app, booked.get_json()["id"]) == [(NEW // 2, NEW // 2)]


def test_a_price_dropped_below_the_codes_amount_books_without_a_checkout(
    app, make_code, paid, user_client, changed_after_the_quote
):
    make_code(amount_off=80_000, currency="INR")
    changed_after_the_quote(paid.id, NEW)
    booked = user_client.post("/book", json={"session_id": paid.id, "code": "half"})
    assert booked.status_code == 201, booked.get_json()  # not a 500 on a negative payment amount
    assert (booked.get_json()["status"], booked.get_json()["payment"]) == ("active", None)
    assert charged(app, booked.get_json()["id"]) == []


def test_a_price_raised_after_a_free_quote_is_charged(app, make_code, paid, user_client, changed_after_the_quote):
    make_code(amount_off=OLD, currency="INR")
    changed_after_the_quote(paid.id, 150_000)
    booked = user_client.post("/book", json={"session_id": paid.id, "code": "half"})
    assert booked.status_code == 201, booked.get_json()
    assert booked.get_json()["status"] == "pending_payment"
    assert charged(app, booked.get_json()["id"]) == [(50_000, OLD)]


@pytest.mark.parametrize("round_", range(3))
@pytest.mark.parametrize("terms", [{"percent_off": 50}, {"amount_off": 80_000, "currency": "INR"}])
def test_a_price_change_racing_coded_bookings(app, make_code, paid, make_user, client_for, reprice, terms, round_):
    make_code(**terms)
    people = [client_for(make_user()) for _ in range(6)]
    calls = [lambda c=c: c.post("/book", json={"session_id": paid.id, "code": "half"}) for c in people]
    answers = race([*calls, lambda: reprice(paid.id, NEW)])
    assert all(answer.status_code in (200, 201, 409) for answer in answers), [a.get_json() for a in answers]
    off = (lambda price: price // 2) if "percent_off" in terms else (lambda price: min(80_000, price))
    with app.app_context():
        for booking in db.session.scalars(sa.select(Booking)):
            found = charged(app, booking.id)
            if booking.status == "active":  # made free by the code at the price it found
                assert found == []
            else:
                [(amount, taken_off)] = found
                assert (amount, taken_off) in [(price - off(price), off(price)) for price in (OLD, NEW)]
