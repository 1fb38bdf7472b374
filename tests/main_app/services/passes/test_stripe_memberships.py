"""Memberships paid with Stripe: the checkout asks Stripe for a subscription, and a code's discount is a coupon for
the first period only. What the subscription's webhooks then do runs for every provider in
test_provider_memberships.py. The real app and `stripe` library against the fake Stripe API."""

import secrets
from datetime import timedelta

import pytest
import sqlalchemy as sa
from main_fake_stripe import SECRET_KEY, WEBHOOK_SECRET, event_body, stripe_signature
from pass_shop import MEMBERSHIP

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import OutboxMessage, Pass, utcnow


@pytest.fixture
def app(make_app, stripe_api):
    return make_app(
        PAYMENT_PROVIDER="stripe",
        STRIPE_SECRET_KEY=SECRET_KEY,
        STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
        STRIPE_API_BASE=stripe_api.url,
        STRIPE_MAX_NETWORK_RETRIES=0,
    )


@pytest.fixture
def tell(client):
    """Post a Stripe event to our webhook, signed as Stripe signs it; the result we answered."""

    def post(kind: str, obj: dict) -> str:
        body = event_body(kind, obj, event_id="evt_" + secrets.token_hex(8))
        headers = {"Stripe-Signature": stripe_signature(body), "Content-Type": "application/json"}
        answer = client.post("/payments/webhook/stripe", data=body, headers=headers)
        assert answer.status_code == 200, answer.get_json()
        return answer.get_json()["result"]

    return post


@pytest.fixture
def member(put_on_sale, user_client, tell):
    """A monthly membership bought and paid through Stripe's checkout: (its pass as /me/passes shows it, its
    subscription id)."""
    purchase = user_client.post(f"/passes/{put_on_sale(MEMBERSHIP)['id']}/buy", json={}).get_json()
    subscription = "sub_" + secrets.token_hex(6)
    assert tell("checkout.session.completed", completed(purchase, subscription)) == "applied"
    return user_client.get("/me/passes").get_json()["items"][0], subscription


def completed(purchase: dict, subscription: str, amount: int = MEMBERSHIP["price"]) -> dict:
    return {
        "id": purchase["checkout_url"].rsplit("/", 1)[1],
        "object": "checkout.session",
        "amount_total": amount,
        "currency": "inr",
        "invoice": "in_" + secrets.token_hex(6),
        "metadata": {"pass_id": str(purchase["pass"]["id"])},
        "mode": "subscription",
        "payment_intent": None,
        "payment_status": "paid",
        "status": "complete",
        "subscription": subscription,
    }


def pending(app, kind: str) -> list[dict]:
    """The pending payments-lane messages of this kind, made due now; their payloads."""
    with app.app_context(), unit_of_work():
        rows = db.session.scalars(
            sa.select(OutboxMessage).where(OutboxMessage.type == kind, OutboxMessage.status == "pending")
        ).all()
        for row in rows:
            row.next_attempt_at = utcnow() - timedelta(seconds=1)
        return [dict(row.payload) for row in rows]


def test_a_membership_checkout_starts_a_subscription_stripe_renews(app, stripe_api, member):
    bought, subscription = member
    [checkout] = [r for r in stripe_api.requests if r.path == "/v1/checkout/sessions"]
    assert checkout.form["mode"] == "subscription"
    assert checkout.form["line_items[0][price_data][recurring][interval]"] == "month"
    assert (bought["status"], bought["renews"]) == ("active", True)
    with app.app_context():
        assert db.session.get(Pass, bought["id"]).subscription_id == subscription
    assert pending(app, "pass_renewal") == []  # Stripe charges each period, not our lane


def test_a_code_pays_less_for_the_first_period_only(
    app, stripe_api, put_on_sale, facilitator, facilitator_client, user_client, tell
):
    code = {"code": "FIRSTMONTH", "percent_off": 20, "applies_to": "passes"}
    assert facilitator_client.post(f"/api/facilitator/{facilitator.id}/codes", json=code).status_code == 201
    product = put_on_sale(MEMBERSHIP)
    purchase = user_client.post(f"/passes/{product['id']}/buy", json={"code": "firstmonth"}).get_json()
    [coupon] = [r.form for r in stripe_api.requests if r.path == "/v1/coupons"]
    assert (coupon["amount_off"], coupon["duration"]) == (str(MEMBERSHIP["price"] // 5), "once")
    assert tell("checkout.session.completed", completed(purchase, "sub_coded1", MEMBERSHIP["price"] * 4 // 5)) == (
        "applied"
    )
    assert user_client.get("/me/passes").get_json()["items"][0]["status"] == "active"
