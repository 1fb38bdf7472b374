"""A payment plan through a provider's checkout: the deposit's checkout asks the deposit, an instalment's asks
exactly that instalment, and the provider's signed webhooks confirm the seat and mark the instalment paid. The real
app and each provider's library against its fake API."""

import pytest
import sqlalchemy as sa
from racing import race

from main_app.extensions import db
from main_app.models import Payment

pytestmark = pytest.mark.both_databases

DEPOSIT, EACH = 900_000, 1_200_000


@pytest.fixture
def app(make_app, payments_at):
    return make_app(**payments_at.config())


def test_the_deposit_and_an_instalment_are_paid_through_the_providers_checkout(
    client, payments_at, retreat, user_client, instalment_rows
):
    session = retreat()
    booked = user_client.post("/book", json={"session_id": session.id}).get_json()
    assert booked["payment"]["amount"] == DEPOSIT
    assert payments_at.last_checkout_amount() == DEPOSIT
    assert payments_at.tell_paid(client, booked["payment"]["checkout_url"], DEPOSIT) == "applied"
    assert user_client.get(f"/bookings/{booked['id']}").get_json()["status"] == "active"
    opened = user_client.post(f"/bookings/{booked['id']}/instalments/1/pay").get_json()
    assert payments_at.last_checkout_amount() == EACH
    assert payments_at.tell_paid(client, opened["checkout_url"], EACH) == "applied"
    assert [row[2] for row in instalment_rows(booked["id"])] == ["paid", "paid", "due", "due"]


@pytest.mark.parametrize("round_", range(3))
def test_two_pay_clicks_on_an_instalment_share_one_checkout(app, client, payments_at, retreat, user_client, round_):
    """Two Pay clicks at once send one idempotency key: both get its one checkout, never a 500."""
    session = retreat()
    booked = user_client.post("/book", json={"session_id": session.id}).get_json()
    assert payments_at.tell_paid(client, booked["payment"]["checkout_url"], DEPOSIT) == "applied"
    answers = race([lambda: user_client.post(f"/bookings/{booked['id']}/instalments/1/pay") for _ in range(2)])
    assert [answer.status_code for answer in answers] == [200, 200], [answer.get_json() for answer in answers]
    # Clicks at once share one checkout; a click after the other's answer opens a fresh one (a second payment of an
    # instalment goes back, test_instalments shows).
    urls = {answer.get_json()["checkout_url"] for answer in answers}
    with app.app_context():
        found = db.session.scalar(sa.select(sa.func.count(Payment.id)).where(Payment.booking_id == booked["id"]))
    assert found == 1 + len(urls)  # the deposit's, and each checkout handed out recorded once
