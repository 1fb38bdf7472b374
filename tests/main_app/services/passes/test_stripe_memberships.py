"""Memberships paid with Stripe renew through Stripe's subscriptions: the checkout starts one, Stripe's signed invoice
webhooks run the pass on a period once or let it lapse, and stopping renewal, a lapse or money that bought nothing
ends the subscription through the payments lane. The real app and `stripe` library against the fake Stripe API."""

import secrets
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from main_fake_stripe import SECRET_KEY, WEBHOOK_SECRET, event_body, stripe_signature
from pass_shop import MEMBERSHIP

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import OutboxMessage, Pass, Payment, utcnow


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


def invoice(pass_id: int, subscription: str, invoice_id: str | None = None, paid: bool = True) -> dict:
    """Stripe's invoice for a membership's next period."""
    return {
        "id": invoice_id or "in_" + secrets.token_hex(6),
        "object": "invoice",
        "amount_due": MEMBERSHIP["price"],
        "amount_paid": MEMBERSHIP["price"] if paid else 0,
        "billing_reason": "subscription_cycle",
        "currency": "inr",
        "parent": {
            "type": "subscription_details",
            "subscription_details": {"metadata": {"pass_id": str(pass_id)}, "subscription": subscription},
        },
        "status": "paid" if paid else "open",
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


def test_a_paid_invoice_runs_the_membership_on_one_period_once(app, member, tell, user_client, outbox, email_outbox):
    bought, subscription = member
    paid = invoice(bought["id"], subscription)
    assert tell("invoice.paid", paid) == "applied"
    assert tell("invoice.paid", paid) == "ignored"  # the same invoice under another event id
    renewed = user_client.get("/me/passes").get_json()["items"][0]
    days = (datetime.fromisoformat(renewed["valid_until"]) - datetime.fromisoformat(bought["valid_until"])).days
    assert 28 <= days <= 31
    with app.app_context():
        payments = db.session.scalars(sa.select(Payment).where(Payment.pass_id == bought["id"])).all()
    assert [(p.reference, p.payment_id, p.amount) for p in payments[1:]] == [
        (paid["id"], paid["id"], MEMBERSHIP["price"])
    ]
    assert [m["type"] for m in outbox()].count("pass_renewed") == 1
    assert [m["type"] for m in email_outbox()].count("pass_renewed") == 1
    assert pending(app, "pass_renewal") == []


def test_declined_renewals_lapse_once_and_the_subscription_is_cancelled(
    app, stripe_api, member, tell, user_client, payments_lane, email_outbox
):
    bought, subscription = member
    declined = invoice(bought["id"], subscription, "in_declined", paid=False)
    for _ in range(2):  # Stripe retries a declined invoice, and tells each time
        assert tell("invoice.payment_failed", declined) == "applied"
    assert [m["type"] for m in email_outbox()].count("pass_renewal_declined") == 1
    [lapse] = pending(app, "pass_lapse")
    payments_lane()
    assert user_client.get("/me/passes").get_json()["items"][0]["status"] == "lapsed"
    assert lapse["lapse_pass"] == bought["id"]
    assert stripe_api.canceled == {subscription}
    # Stripe's retry succeeding after the lapse: the money goes back
    assert tell("invoice.paid", invoice(bought["id"], subscription, "in_late1")) == "applied"
    payments_lane()
    refunds = [r.form for r in stripe_api.requests if r.path == "/v1/refunds"]
    assert refunds == [{"payment_intent": "pi_late1", "amount": str(MEMBERSHIP["price"])}]


def test_stopping_renewal_ends_the_subscription_with_its_period(
    app, stripe_api, member, tell, user_client, payments_lane
):
    bought, subscription = member
    assert user_client.post(f"/me/passes/{bought['id']}/cancel").get_json()["renews"] is False
    assert [r.path for r in stripe_api.requests if "subscriptions" in r.path] == []  # never inside the request
    payments_lane()
    assert stripe_api.ending == {subscription} and stripe_api.canceled == set()
    # an invoice Stripe charged before the stop reached it: refunded, the period not extended
    assert tell("invoice.paid", invoice(bought["id"], subscription, "in_raced1")) == "applied"
    payments_lane()
    assert [r.form["payment_intent"] for r in stripe_api.requests if r.path == "/v1/refunds"] == ["pi_raced1"]
    assert user_client.get("/me/passes").get_json()["items"][0]["valid_until"] == bought["valid_until"]


def test_stripe_ending_the_subscription_stops_renewal(member, tell, user_client):
    bought, subscription = member
    ended = {"id": subscription, "object": "subscription", "status": "canceled", "metadata": {"pass_id": "0"}}
    assert tell("customer.subscription.deleted", ended) == "ignored"  # names another pass: not this one's
    ended["metadata"]["pass_id"] = str(bought["id"])
    assert tell("customer.subscription.deleted", ended) == "applied"
    assert user_client.get("/me/passes").get_json()["items"][0]["renews"] is False


def test_an_invoice_for_a_subscription_of_no_pass_is_ignored(member, tell):
    bought, _subscription = member
    assert tell("invoice.paid", invoice(bought["id"], "sub_SomeoneElses")) == "ignored"


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


def test_money_for_a_membership_paid_already_goes_back_and_its_subscription_ends(
    app, stripe_api, put_on_sale, user_client, tell, payments_lane
):
    purchase = user_client.post(f"/passes/{put_on_sale(MEMBERSHIP)['id']}/buy", json={}).get_json()
    assert tell("checkout.session.completed", completed(purchase, "sub_first1")) == "applied"
    with app.app_context(), unit_of_work():  # a second checkout for the same pass, paid too (two tabs)
        first = db.session.scalars(sa.select(Payment).where(Payment.pass_id == purchase["pass"]["id"])).one()
        db.session.add(
            Payment(
                pass_id=first.pass_id,
                provider="stripe",
                reference="cs_test_second",
                checkout_url="",
                status="pending",
                amount=first.amount,
                currency=first.currency,
                expires_at=first.expires_at,
                created_at=utcnow(),
            )
        )
    second = completed(purchase, "sub_second1") | {"id": "cs_test_second", "invoice": "in_second1"}
    assert tell("checkout.session.completed", second) == "applied"
    payments_lane()
    assert stripe_api.canceled == {"sub_second1"}
    assert [r.form["payment_intent"] for r in stripe_api.requests if r.path == "/v1/refunds"] == ["pi_second1"]
    with app.app_context():
        assert db.session.get(Pass, purchase["pass"]["id"]).subscription_id == "sub_first1"


def test_a_stripe_membership_hears_before_each_renewal_stripe_charges(
    app, member, tell, user_client, payments_lane, email_outbox
):
    bought, subscription = member
    [notice] = pending(app, "pre_debit_notice")
    assert (notice["notice_pass"], notice["period_end"], notice["amount"]) == (
        bought["id"],
        bought["valid_until"],
        MEMBERSHIP["price"],
    )
    payments_lane()
    [email] = [m for m in email_outbox() if m["type"] == "pass_pre_debit"]
    renewal = email["payload"]["snapshot"]["renewal"]
    assert (renewal["amount"], renewal["method"]) == ("₹4,500", "the card on file (Stripe)")
    assert tell("invoice.paid", invoice(bought["id"], subscription)) == "applied"
    renewed = user_client.get("/me/passes").get_json()["items"][0]
    [following] = pending(app, "pre_debit_notice")
    assert following["period_end"] == renewed["valid_until"]
