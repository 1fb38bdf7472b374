"""Memberships on Razorpay Subscriptions (UPI AutoPay, card mandates): the checkout makes a plan at the full price
and a subscription whose first period (less a code's discount) is paid up front at authorisation, our page opens
Checkout with the subscription, and its handler's signed answer makes the pass good once. What later charges do
runs for every provider in test_provider_memberships.py."""

import json
import re

import pytest
import sqlalchemy as sa
from pass_shop import MEMBERSHIP
from razorpay_shapes import KEY_ID, KEY_SECRET, WEBHOOK_SECRET, handler_signature, webhook_body, webhook_headers

from main_app.extensions import db
from main_app.models import Pass, Payment

PRICE = MEMBERSHIP["price"]


@pytest.fixture
def app(make_app, razorpay_api):
    return make_app(
        PAYMENT_PROVIDER="razorpay",
        RAZORPAY_KEY_ID=KEY_ID,
        RAZORPAY_KEY_SECRET=KEY_SECRET,
        RAZORPAY_WEBHOOK_SECRET=WEBHOOK_SECRET,
        RAZORPAY_API_BASE=razorpay_api.url,
    )


@pytest.fixture
def purchase(put_on_sale, user_client) -> dict:
    return user_client.post(f"/passes/{put_on_sale(MEMBERSHIP)['id']}/buy", json={}).get_json()


def subscription_of(purchase: dict) -> str:
    return purchase["checkout_url"].rsplit("/", 1)[1]


def authorise(client, razorpay_api, subscription: str):
    """The person authorises the mandate on Checkout, paying the first period; the handler posts the answer."""
    paid = razorpay_api.pay(subscription)
    answer = {
        "razorpay_subscription_id": subscription,
        "razorpay_payment_id": paid["id"],
        "razorpay_signature": handler_signature(subscription, paid["id"]),
    }
    return paid, client.post(f"/payments/razorpay/checkout/{subscription}/paid", json=answer)


def test_a_membership_checkout_is_a_monthly_plan_and_a_subscription_for_the_pass(razorpay_api, purchase):
    subscription = subscription_of(purchase)
    assert subscription.startswith("sub_")
    [plan] = razorpay_api.calls("POST", "/v1/plans")
    assert (plan.body["period"], plan.body["item"]["amount"]) == ("monthly", PRICE)
    [made] = razorpay_api.calls("POST", "/v1/subscriptions")
    assert made.body["notes"] == {"pass_id": str(purchase["pass"]["id"])}
    assert made.body["addons"][0]["item"]["amount"] == PRICE


def test_the_page_opens_checkout_with_the_subscription_not_an_amount(client, purchase):
    html = client.get(f"/payments/razorpay/checkout/{subscription_of(purchase)}").get_data(as_text=True)
    found = re.search(r'id="razorpay-options">(.*?)</script>', html, re.S)
    options = json.loads(found[1])
    assert options["subscription_id"] == subscription_of(purchase)
    assert "order_id" not in options and "amount" not in options
    assert "UPI AutoPay" in html


def test_the_authorisation_makes_the_pass_good_once_and_its_webhook_changes_nothing(
    app, client, razorpay_api, purchase, user_client
):
    subscription = subscription_of(purchase)
    paid, answer = authorise(client, razorpay_api, subscription)
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["redirect"].endswith(f"/my-passes?pass={purchase['pass']['id']}&result=success")
    bought = user_client.get("/me/passes").get_json()["items"][0]
    assert (bought["status"], bought["renews"]) == ("active", True)
    entities = {"subscription": razorpay_api.subscriptions[subscription], "payment": paid}
    body = webhook_body("subscription.authenticated", entities)
    assert client.post("/payments/webhook/razorpay", data=body, headers=webhook_headers(body)).status_code == 200
    with app.app_context():
        assert db.session.get(Pass, bought["id"]).subscription_id == subscription
        payments = db.session.scalars(sa.select(Payment).where(Payment.pass_id == bought["id"])).all()
    assert [(p.status, p.payment_id, p.amount) for p in payments] == [("succeeded", paid["id"], PRICE)]


def test_an_order_signature_does_not_authorise_a_subscription(client, razorpay_api, purchase, assert_error):
    subscription = subscription_of(purchase)
    paid = razorpay_api.pay(subscription)
    answer = {"razorpay_payment_id": paid["id"], "razorpay_signature": handler_signature("order_x", paid["id"])}
    assert_error(
        client.post(f"/payments/razorpay/checkout/{subscription}/paid", json=answer), 400, "invalid_payment_signature"
    )


def test_a_code_takes_its_discount_off_the_first_period_only(
    razorpay_api, put_on_sale, facilitator, facilitator_client, user_client, client
):
    code = {"code": "FIRSTMONTH", "percent_off": 20, "applies_to": "passes"}
    assert facilitator_client.post(f"/api/facilitator/{facilitator.id}/codes", json=code).status_code == 201
    product = put_on_sale(MEMBERSHIP)
    bought = user_client.post(f"/passes/{product['id']}/buy", json={"code": "firstmonth"}).get_json()
    [plan] = razorpay_api.calls("POST", "/v1/plans")
    [made] = razorpay_api.calls("POST", "/v1/subscriptions")
    assert plan.body["item"]["amount"] == PRICE  # every later period at the full price
    assert made.body["addons"][0]["item"]["amount"] == PRICE * 4 // 5
    _paid, answer = authorise(client, razorpay_api, subscription_of(bought))
    assert answer.status_code == 200
    assert user_client.get("/me/passes").get_json()["items"][0]["status"] == "active"


def test_a_renewal_waiting_for_approval_tells_the_person_where_to_approve_it(
    client, razorpay_api, purchase, user_client, email_outbox
):
    """UPI AutoPay and card mandates charge above ₹15,000 only with the person's approval: Razorpay's pending
    subscription is told with its page, where they approve the renewal (or pay it another way)."""
    subscription = subscription_of(purchase)
    authorise(client, razorpay_api, subscription)
    waiting = razorpay_api.subscriptions[subscription] | {"status": "pending", "paid_count": 1}
    body = webhook_body("subscription.pending", {"subscription": waiting})
    assert client.post("/payments/webhook/razorpay", data=body, headers=webhook_headers(body)).status_code == 200
    [told] = [m for m in email_outbox() if m["type"] == "pass_renewal_declined"]
    assert told["payload"]["snapshot"]["approve_url"] == waiting["short_url"]
    assert user_client.get("/me/passes").get_json()["items"][0]["status"] == "active"  # until the grace period ends


def test_a_membership_above_the_mandate_limit_says_its_renewals_wait_for_approval(
    put_on_sale, facilitator_client, facilitator
):
    """Said when it is made, and when its price is raised past the limit: not for a price within it."""
    dear = put_on_sale(MEMBERSHIP, price=1_600_000)
    assert "above ₹15,000 a period only when its member approves each renewal" in dear["renewal_approval"]
    within = put_on_sale(MEMBERSHIP, price=1_500_000)
    assert within["renewal_approval"] is None
    raised = facilitator_client.patch(
        f"/api/facilitator/{facilitator.id}/passes/{within['id']}", json={"price": 1_500_001}
    )
    assert raised.status_code == 200 and raised.get_json()["renewal_approval"].startswith("Razorpay renews")
