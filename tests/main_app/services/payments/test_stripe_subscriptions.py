"""The Stripe provider's memberships: a subscription checkout (a code's discount as a one-time coupon), the invoice and
subscription webhooks in our terms, refunds of an invoice, and a subscription's end; the real `stripe` library against
the fake Stripe API."""

from datetime import UTC, datetime, timedelta

import pytest
from main_fake_stripe import SECRET_KEY, WEBHOOK_SECRET, event_body, stripe_signature

from main_app.services.payments.providers import make_provider
from main_app.services.payments.providers.base import (
    IGNORED,
    PAYMENT_SUCCEEDED,
    RENEWAL_FAILED,
    RENEWAL_PAID,
    SUBSCRIPTION_ENDED,
    CheckoutRequest,
    PaymentError,
    PaymentEvent,
)


@pytest.fixture
def provider(stripe_api):
    config = {
        "STRIPE_SECRET_KEY": SECRET_KEY,
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "STRIPE_API_BASE": stripe_api.url,
        "STRIPE_MAX_NETWORK_RETRIES": 0,
    }
    return make_provider("stripe", config)


def membership_checkout(**changes) -> CheckoutRequest:
    values = {
        "booking_id": None,
        "pass_id": 7,
        "amount": 450_000,
        "currency": "INR",
        "description": "Unlimited monthly",
        "customer_email": "asha@example.com",
        "success_url": "http://localhost:5173/my-passes?pass=7&result=success",
        "cancel_url": "http://localhost:5173/my-passes?pass=7&result=cancel",
        "expires_at": datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=45),
        "idempotency_key": "pass-checkout-7",
        "renews_every": "month",
        "renewal_amount": 450_000,
    }
    return CheckoutRequest(**(values | changes))


def test_a_membership_checkout_starts_a_monthly_subscription_for_its_pass(stripe_api, provider):
    checkout = provider.create_checkout(membership_checkout())
    [sent] = stripe_api.requests
    assert sent.path == "/v1/checkout/sessions"
    assert sent.form["mode"] == "subscription"
    assert sent.form["line_items[0][price_data][unit_amount]"] == "450000"
    assert sent.form["line_items[0][price_data][recurring][interval]"] == "month"
    assert sent.form["subscription_data[metadata][pass_id]"] == "7"
    assert sent.form["metadata[pass_id]"] == "7"
    assert not any(key.startswith(("payment_intent_data", "discounts")) for key in sent.form)
    assert checkout.reference.startswith("cs_test_")


def test_a_codes_discount_is_a_coupon_for_the_first_period_only(stripe_api, provider):
    request = membership_checkout(amount=360_000, renewal_amount=450_000, renews_every="year")
    provider.create_checkout(request)
    coupon, session = stripe_api.requests
    assert coupon.path == "/v1/coupons"
    assert coupon.form == {
        "amount_off": "90000",
        "currency": "inr",
        "duration": "once",
        "max_redemptions": "1",
        "name": "Discount code",
    }
    assert coupon.headers["Idempotency-Key"] == "pass-checkout-7-coupon"
    assert session.form["line_items[0][price_data][unit_amount]"] == "450000"  # what each later year costs
    assert session.form["line_items[0][price_data][recurring][interval]"] == "year"
    assert session.form["discounts[0][coupon]"] in stripe_api.coupons
    # a retry makes no second coupon and opens the same session
    provider.create_checkout(request)
    assert len(stripe_api.coupons) == 1 and stripe_api.replayed == 2


def session_completed(**changes) -> dict:
    return {
        "id": "cs_test_sub1",
        "object": "checkout.session",
        "amount_total": 360_000,
        "currency": "inr",
        "invoice": "in_1First",
        "metadata": {"pass_id": "7"},
        "mode": "subscription",
        "payment_intent": None,
        "payment_status": "paid",
        "status": "complete",
        "subscription": "sub_1Member",
    } | changes


def invoice(billing_reason: str = "subscription_cycle", **changes) -> dict:
    return {
        "id": "in_1Second",
        "object": "invoice",
        "amount_due": 450_000,
        "amount_paid": 450_000,
        "billing_reason": billing_reason,
        "currency": "inr",
        "parent": {
            "type": "subscription_details",
            "subscription_details": {"metadata": {"pass_id": "7"}, "subscription": "sub_1Member"},
        },
        "status": "paid",
    } | changes


SUBSCRIPTION = {"subscription_id": "sub_1Member", "pass_id": 7}


@pytest.mark.parametrize(
    "kind, obj, expected",
    [
        (
            "checkout.session.completed",
            session_completed(),
            {"kind": PAYMENT_SUCCEEDED, "reference": "cs_test_sub1", "payment_id": "in_1First", **SUBSCRIPTION}
            | {"amount": 360_000, "currency": "INR"},
        ),
        (
            "invoice.paid",
            invoice(),
            {"kind": RENEWAL_PAID, "reference": "in_1Second", "payment_id": "in_1Second", **SUBSCRIPTION}
            | {"amount": 450_000, "currency": "INR"},
        ),
        (
            "invoice.payment_failed",
            invoice(amount_paid=0, status="open"),
            {"kind": RENEWAL_FAILED, "reference": "in_1Second", "amount": 450_000, "currency": "INR", **SUBSCRIPTION}
            | {"failure": "Stripe could not charge the card for the renewal."},
        ),
        ("invoice.paid", invoice("subscription_create"), {"kind": IGNORED, "reference": "in_1Second"}),
        ("invoice.paid", invoice(parent=None, billing_reason="manual"), {"kind": IGNORED, "reference": "in_1Second"}),
        (
            "customer.subscription.deleted",
            {"id": "sub_1Member", "object": "subscription", "status": "canceled", "metadata": {"pass_id": "7"}},
            {"kind": SUBSCRIPTION_ENDED, **SUBSCRIPTION},
        ),
    ],
    ids=["first-payment", "renewed", "renewal-declined", "first-invoice", "one-off-invoice", "subscription-ended"],
)
def test_subscription_webhooks_become_payment_events(provider, kind, obj, expected):
    body = event_body(kind, obj)
    event = provider.parse_webhook(body, {"Stripe-Signature": stripe_signature(body)})
    assert event == PaymentEvent(event_id="evt_1FakeEvent", **expected)


def test_an_invoice_is_refunded_through_the_payment_that_paid_it(stripe_api, provider):
    refund = provider.refund("in_1Second", 450_000, "INR", idempotency_key="refund-1")
    listed, refunded = stripe_api.requests
    assert (listed.method, listed.path, listed.form) == (
        "GET",
        "/v1/invoice_payments",
        {"invoice": "in_1Second", "status": "paid"},
    )
    assert refunded.form == {"payment_intent": "pi_1Second", "amount": "450000"}
    assert refund.status == "processed"


def test_an_invoice_with_no_payment_is_never_refunded(stripe_api, provider):
    with pytest.raises(PaymentError) as caught:
        provider.refund("in_unpaid1", 450_000, "INR", idempotency_key="refund-2")
    assert not caught.value.transient
    assert [r.path for r in stripe_api.requests] == ["/v1/invoice_payments"]


def test_a_subscription_ends_at_its_periods_end_or_now_and_twice_is_no_error(stripe_api, provider):
    assert "at its period's end" in provider.end_subscription("sub_1Member", at_period_end=True)
    assert "canceled" in provider.end_subscription("sub_1Member", at_period_end=False)
    assert "already over" in provider.end_subscription("sub_1Member", at_period_end=False)
    sent = [(r.method, r.path, r.form) for r in stripe_api.requests]
    assert sent[0] == ("POST", "/v1/subscriptions/sub_1Member", {"cancel_at_period_end": "true"})
    assert sent[1][:2] == sent[2][:2] == ("DELETE", "/v1/subscriptions/sub_1Member")


def test_ending_a_subscription_while_stripe_is_down_is_retried(stripe_api, provider):
    stripe_api.fail(503)
    with pytest.raises(PaymentError) as caught:
        provider.end_subscription("sub_1Member", at_period_end=True)
    assert caught.value.transient
