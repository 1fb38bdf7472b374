"""A payment plan through Stripe Checkout: the deposit's session asks the deposit, an instalment's asks exactly that
instalment, and Stripe's signed completions confirm the seat and mark the instalment paid. The real app and `stripe`
library against the fake Stripe API."""

import secrets

import pytest
import sqlalchemy as sa
from main_fake_stripe import SECRET_KEY, WEBHOOK_SECRET, event_body, stripe_signature
from racing import race

from main_app.extensions import db
from main_app.models import Payment

DEPOSIT, EACH = 900_000, 1_200_000


@pytest.fixture
def app(make_app, stripe_api):
    return make_app(
        PAYMENT_PROVIDER="stripe",
        STRIPE_SECRET_KEY=SECRET_KEY,
        STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
        STRIPE_API_BASE=stripe_api.url,
        STRIPE_MAX_NETWORK_RETRIES=0,
    )


def completed(client, checkout_url: str, amount: int) -> str:
    """Stripe's signed checkout.session.completed for the session at checkout_url: our answer's result."""
    session = {
        "id": checkout_url.rsplit("/", 1)[1],
        "object": "checkout.session",
        "amount_total": amount,
        "currency": "inr",
        "mode": "payment",
        "payment_intent": "pi_" + secrets.token_hex(6),
        "payment_status": "paid",
        "status": "complete",
    }
    body = event_body("checkout.session.completed", session, event_id="evt_" + secrets.token_hex(8))
    headers = {"Stripe-Signature": stripe_signature(body), "Content-Type": "application/json"}
    answer = client.post("/payments/webhook/stripe", data=body, headers=headers)
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()["result"]


def test_the_deposit_and_an_instalment_are_paid_through_stripe_checkout(
    client, stripe_api, retreat, user_client, instalment_rows
):
    session = retreat()
    booked = user_client.post("/book", json={"session_id": session.id}).get_json()
    assert booked["payment"]["amount"] == DEPOSIT
    assert stripe_api.requests[-1].form["line_items[0][price_data][unit_amount]"] == str(DEPOSIT)
    assert completed(client, booked["payment"]["checkout_url"], DEPOSIT) == "applied"
    assert user_client.get(f"/bookings/{booked['id']}").get_json()["status"] == "active"
    opened = user_client.post(f"/bookings/{booked['id']}/instalments/1/pay").get_json()
    assert stripe_api.requests[-1].form["line_items[0][price_data][unit_amount]"] == str(EACH)
    assert completed(client, opened["checkout_url"], EACH) == "applied"
    assert [row[2] for row in instalment_rows(booked["id"])] == ["paid", "paid", "due", "due"]


@pytest.mark.parametrize("round_", range(3))
def test_two_pay_clicks_on_an_instalment_share_one_checkout(app, client, retreat, user_client, round_):
    """Two Pay clicks at once send one Idempotency-Key: both get its one checkout, never a 500."""
    session = retreat()
    booked = user_client.post("/book", json={"session_id": session.id}).get_json()
    assert completed(client, booked["payment"]["checkout_url"], DEPOSIT) == "applied"
    answers = race([lambda: user_client.post(f"/bookings/{booked['id']}/instalments/1/pay") for _ in range(2)])
    assert [answer.status_code for answer in answers] == [200, 200], [answer.get_json() for answer in answers]
    # Clicks at once share one checkout; a click after the other's answer opens a fresh one (a second payment of an
    # instalment goes back, test_instalments shows).
    urls = {answer.get_json()["checkout_url"] for answer in answers}
    with app.app_context():
        found = db.session.scalar(sa.select(sa.func.count(Payment.id)).where(Payment.booking_id == booked["id"]))
    assert found == 1 + len(urls)  # the deposit's, and each checkout handed out recorded once
