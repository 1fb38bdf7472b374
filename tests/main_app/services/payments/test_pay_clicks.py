"""Two Pay clicks at once on a provider's checkout: both send the same idempotency key (Stripe's Idempotency-Key,
Razorpay's order receipt), and both get a checkout that is recorded once (one payment row each), never a 500 on the
(provider, reference) unique key. Against each fake provider."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from racing import race

from main_app.extensions import db
from main_app.models import Payment

ROUNDS = range(3)


@pytest.fixture
def app(make_app, payments_at):
    return make_app(**payments_at.config())


def payments_of(app, booking_id: int) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(Payment.reference).where(Payment.booking_id == booking_id)))


@pytest.mark.both_databases
@pytest.mark.parametrize("round_", ROUNDS)
def test_two_pay_clicks_on_a_held_seat_share_one_checkout(app, make_session, make_user, client_for, round_):
    session = make_session(capacity=2, starts_in=timedelta(days=3), price=80_000, currency="INR")
    person = client_for(make_user())
    booked = person.post("/book", json={"session_id": session.id}).get_json()
    answers = race([lambda: person.post(f"/bookings/{booked['id']}/pay") for _ in range(2)])
    assert [answer.status_code for answer in answers] == [200, 200], [answer.get_json() for answer in answers]
    # Clicks at once share one checkout; a click after the other's answer opens a fresh one (Pay's contract).
    urls = {answer.get_json()["payment"]["checkout_url"] for answer in answers}
    assert len(payments_of(app, booked["id"])) == 1 + len(urls)  # each checkout handed out recorded once
