"""The Stripe provider: the real `stripe` library against a fake Stripe API on 127.0.0.1 (STRIPE_API_BASE points at
it), and webhooks signed exactly the way Stripe signs them, checked by the library."""

import socket
import time
from datetime import UTC, datetime, timedelta

import pytest
from main_fake_stripe import (
    SECRET_KEY,
    WEBHOOK_SECRET,
    event_body,
    stripe_signature,
)

from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import User
from main_app.security import issue_token
from main_app.services.payments.providers import make_provider
from main_app.services.payments.providers.base import (
    IGNORED,
    PAYMENT_FAILED,
    PAYMENT_SUCCEEDED,
    REFUND_FAILED,
    REFUND_PROCESSED,
    CheckoutRequest,
    InvalidWebhook,
    PaymentError,
    PaymentEvent,
)
from main_app.services.payments.providers.stripe_provider import StripeProvider


def stripe_provider(api_base: str, **settings) -> StripeProvider:
    """A provider built the way the app builds it, from settings; no library retries unless asked."""
    config = {
        "STRIPE_SECRET_KEY": SECRET_KEY,
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "STRIPE_API_BASE": api_base,
        "STRIPE_TIMEOUT": 5.0,
        "STRIPE_MAX_NETWORK_RETRIES": 0,
    }
    provider = make_provider("stripe", config | settings)
    assert isinstance(provider, StripeProvider)
    return provider


@pytest.fixture
def provider(stripe_api):
    return stripe_provider(stripe_api.url)


@pytest.fixture
def down_url():
    """A loopback address nothing listens on (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def checkout_request(**changes) -> CheckoutRequest:
    values = {
        "booking_id": 42,
        "amount": 250000,
        "currency": "INR",
        "description": "Himalayan Silence Retreat, Tue 22 Dec",
        "customer_email": "asha@example.com",
        "success_url": "http://localhost:5173/bookings/42/payment?result=success",
        "cancel_url": "http://localhost:5173/bookings/42/payment?result=cancel",
        "expires_at": datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=45),
        "idempotency_key": "checkout-42-1",
    }
    return CheckoutRequest(**(values | changes))


# -- checkouts ------------------------------------------------------------------------------------------


def test_checkout_sends_our_amount_currency_urls_metadata_and_key(stripe_api, provider):
    hold_end = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=45)
    checkout = provider.create_checkout(checkout_request(expires_at=hold_end))

    [sent] = stripe_api.requests
    assert (sent.method, sent.path) == ("POST", "/v1/checkout/sessions")
    assert sent.form == {
        "mode": "payment",
        "line_items[0][price_data][currency]": "inr",
        "line_items[0][price_data][unit_amount]": "250000",
        "line_items[0][price_data][product_data][name]": "Himalayan Silence Retreat, Tue 22 Dec",
        "line_items[0][quantity]": "1",
        "customer_email": "asha@example.com",
        "success_url": "http://localhost:5173/bookings/42/payment?result=success",
        "cancel_url": "http://localhost:5173/bookings/42/payment?result=cancel",
        "client_reference_id": "42",
        "metadata[booking_id]": "42",
        "payment_intent_data[metadata][booking_id]": "42",
        "expires_at": str(int(hold_end.timestamp())),
    }
    assert sent.headers["Idempotency-Key"] == "checkout-42-1"
    assert sent.headers["Authorization"] == f"Bearer {SECRET_KEY}"
    assert checkout.reference.startswith("cs_test_")
    assert checkout.url == f"https://checkout.stripe.com/c/pay/{checkout.reference}"
    assert checkout.expires_at == hold_end
    assert checkout.expires_at.utcoffset() == timedelta(0)


def test_a_pass_checkout_names_the_pass_not_a_booking(stripe_api, provider):
    provider.create_checkout(checkout_request(booking_id=None, pass_id=7, idempotency_key="pass-checkout-7"))
    [sent] = stripe_api.requests
    assert (sent.form["client_reference_id"], sent.form["metadata[pass_id]"]) == ("pass-7", "7")
    assert sent.form["payment_intent_data[metadata][pass_id]"] == "7"
    assert not any("booking_id" in key for key in sent.form)


def test_stripe_renewals_are_never_charged_by_us(provider):
    with pytest.raises(PaymentError) as refused:
        provider.charge_renewal("pi_1", 1000, "INR", idempotency_key="renewal-1")
    assert refused.value.configuration and not refused.value.transient


@pytest.mark.parametrize(
    "hold, expected",
    [
        (timedelta(minutes=15), lambda hold_end, now: hold_end + timedelta(minutes=31)),
        (timedelta(minutes=31, seconds=30), lambda hold_end, now: hold_end),
        (timedelta(hours=23), lambda hold_end, now: hold_end),
        (timedelta(days=3), lambda hold_end, now: now + timedelta(hours=24) - timedelta(minutes=1)),
    ],
    ids=["short-hold", "just-long-enough", "within", "too-long"],
)
def test_checkout_expiry_stays_within_stripes_30_minutes_to_24_hours(stripe_api, provider, hold, expected):
    now = datetime.now(UTC)
    hold_end = now.replace(microsecond=0) + hold
    checkout = provider.create_checkout(checkout_request(expires_at=hold_end))

    sent = datetime.fromtimestamp(int(stripe_api.requests[0].form["expires_at"]), UTC)
    assert abs(sent - expected(hold_end, now)) <= timedelta(seconds=2)
    assert timedelta(minutes=30) < sent - now < timedelta(hours=24)
    assert checkout.expires_at == sent


def test_a_retried_checkout_sends_the_same_request_and_gets_the_same_session(stripe_api, provider):
    # A 15-minute hold is shorter than Stripe's minimum, the case where "now" could creep into the parameters.
    request = checkout_request(expires_at=datetime.now(UTC) + timedelta(minutes=15))
    first = provider.create_checkout(request)
    time.sleep(1.1)  # a later second: a retry that sent another expires_at would be refused as idempotency_error
    second = provider.create_checkout(request)

    assert second == first
    assert [r.headers["Idempotency-Key"] for r in stripe_api.requests] == ["checkout-42-1"] * 2
    assert stripe_api.requests[0].form == stripe_api.requests[1].form
    assert stripe_api.replayed == 1


def test_another_request_under_the_same_key_is_refused_for_good(stripe_api, provider):
    provider.create_checkout(checkout_request())
    with pytest.raises(PaymentError) as caught:
        provider.create_checkout(checkout_request(amount=999))
    assert not caught.value.transient
    assert "IdempotencyError" in str(caught.value)


def test_the_library_retries_a_5xx_itself_with_the_same_key(stripe_api):
    provider = stripe_provider(stripe_api.url, STRIPE_MAX_NETWORK_RETRIES=1)
    stripe_api.fail(500)
    checkout = provider.create_checkout(checkout_request())

    assert checkout.reference.startswith("cs_test_")
    assert [r.headers["Idempotency-Key"] for r in stripe_api.requests] == ["checkout-42-1"] * 2


# -- refunds --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "stripe_status, ours", [("succeeded", "processed"), ("pending", "initiated"), ("requires_action", "initiated")]
)
def test_refund_names_the_payment_amount_and_key(stripe_api, provider, stripe_status, ours):
    stripe_api.refund_status = stripe_status
    refund = provider.refund("pi_3FakePayment", 250000, "INR", idempotency_key="refund-42")

    [sent] = stripe_api.requests
    assert (sent.method, sent.path) == ("POST", "/v1/refunds")
    assert sent.form == {"payment_intent": "pi_3FakePayment", "amount": "250000"}
    assert sent.headers["Idempotency-Key"] == "refund-42"
    assert refund.refund_id.startswith("re_")
    assert refund.status == ours


def test_a_repeated_refund_key_gets_the_same_refund(stripe_api, provider):
    first = provider.refund("pi_3FakePayment", 1000, "INR", idempotency_key="refund-42")
    second = provider.refund("pi_3FakePayment", 1000, "INR", idempotency_key="refund-42")
    assert second == first
    assert stripe_api.replayed == 1


@pytest.mark.parametrize("stripe_status", ["failed", "canceled"])
def test_a_refund_stripe_answers_failed_is_dead(stripe_api, provider, stripe_status):
    stripe_api.refund_status = stripe_status
    with pytest.raises(PaymentError) as caught:
        provider.refund("pi_3FakePayment", 1000, "INR", idempotency_key="refund-42")
    assert not caught.value.transient
    assert not caught.value.configuration
    assert stripe_status in str(caught.value)


# -- errors ---------------------------------------------------------------------------------------------

CALLS = {
    "checkout": lambda provider: provider.create_checkout(checkout_request()),
    "refund": lambda provider: provider.refund("pi_3FakePayment", 1000, "INR", idempotency_key="refund-1"),
}


def assert_no_secret(error: Exception, secret: str = SECRET_KEY) -> None:
    assert secret not in str(error)
    assert secret not in repr(error)
    assert all(secret not in str(arg) for arg in error.args)
    assert error.__cause__ is None  # the library's exception (and the request it holds) stays out of tracebacks


@pytest.mark.parametrize("call", CALLS)
@pytest.mark.parametrize(
    "status, headers, transient, configuration, retry_after",
    [
        (500, {}, True, False, None),
        (503, {}, True, False, None),
        (409, {}, True, False, None),
        (429, {"Retry-After": "7"}, True, False, 7.0),
        (429, {"Retry-After": "inf"}, True, False, None),
        (400, {}, False, False, None),
        (403, {}, False, True, None),
    ],
)
def test_stripe_errors_map_to_payment_errors(
    stripe_api, provider, call, status, headers, transient, configuration, retry_after
):
    stripe_api.fail(status, headers=headers)
    with pytest.raises(PaymentError) as caught:
        CALLS[call](provider)
    error = caught.value
    assert (error.transient, error.configuration, error.unreachable) == (transient, configuration, False)
    assert error.retry_after == retry_after
    assert f"HTTP {status}" in str(error)
    assert_no_secret(error)


@pytest.mark.parametrize("call", CALLS)
def test_a_refused_key_is_a_configuration_error_that_never_shows_the_key(stripe_api, call):
    wrong_key = "sk_test_51WrongKeyThatStripeRefuses9876543210"
    provider = stripe_provider(stripe_api.url, STRIPE_SECRET_KEY=wrong_key)
    with pytest.raises(PaymentError) as caught:
        CALLS[call](provider)
    assert caught.value.configuration
    assert not caught.value.transient
    assert "AuthenticationError" in str(caught.value)
    assert stripe_api.requests[0].headers["Authorization"] == f"Bearer {wrong_key}"  # the fake did echo it back
    assert_no_secret(caught.value, wrong_key)


@pytest.mark.parametrize("call", CALLS)
def test_stripe_down_is_transient_and_unreachable(down_url, call):
    with pytest.raises(PaymentError) as caught:
        CALLS[call](stripe_provider(down_url))
    assert (caught.value.transient, caught.value.unreachable, caught.value.configuration) == (True, True, False)
    assert_no_secret(caught.value)


def test_a_timeout_is_transient_and_unreachable(stripe_api):
    provider = stripe_provider(stripe_api.url, STRIPE_TIMEOUT=0.3)
    stripe_api.fail(200, delay=1.0)
    with pytest.raises(PaymentError) as caught:
        provider.create_checkout(checkout_request())
    assert (caught.value.transient, caught.value.unreachable) == (True, True)
    assert "Timeout" in str(caught.value)


# -- test_connection ------------------------------------------------------------------------------------


def test_connection_reads_the_balance(stripe_api, provider):
    assert provider.test_connection() is True
    [sent] = stripe_api.requests
    assert (sent.method, sent.path) == ("GET", "/v1/balance")
    assert sent.headers["Authorization"] == f"Bearer {SECRET_KEY}"


def test_connection_is_false_on_errors_and_does_not_retry(stripe_api, down_url):
    provider = stripe_provider(stripe_api.url, STRIPE_MAX_NETWORK_RETRIES=2)
    stripe_api.fail(500)
    assert provider.test_connection() is False
    assert len(stripe_api.requests) == 1
    assert stripe_provider(stripe_api.url, STRIPE_SECRET_KEY="sk_test_wrong").test_connection() is False
    assert stripe_provider(down_url).test_connection() is False


# -- webhooks -------------------------------------------------------------------------------------------


def session_object(**changes) -> dict:
    return {
        "id": "cs_test_a1Fake",
        "object": "checkout.session",
        "amount_total": 250000,
        "client_reference_id": "42",
        "currency": "inr",
        "metadata": {"booking_id": "42"},
        "mode": "payment",
        "payment_intent": "pi_3FakePayment",
        "payment_status": "paid",
        "status": "complete",
    } | changes


def refund_object(**changes) -> dict:
    return {
        "id": "re_3FakeRefund",
        "object": "refund",
        "amount": 250000,
        "charge": "ch_3FakeCharge",
        "currency": "inr",
        "failure_reason": None,
        "payment_intent": "pi_3FakePayment",
        "status": "succeeded",
    } | changes


PAID = {"reference": "cs_test_a1Fake", "payment_id": "pi_3FakePayment", "amount": 250000, "currency": "INR"}
REFUNDED = {"refund_id": "re_3FakeRefund", "payment_id": "pi_3FakePayment", "amount": 250000, "currency": "INR"}


@pytest.mark.parametrize(
    "kind, obj, expected",
    [
        ("checkout.session.completed", session_object(), {"kind": PAYMENT_SUCCEEDED, **PAID}),
        ("checkout.session.async_payment_succeeded", session_object(), {"kind": PAYMENT_SUCCEEDED, **PAID}),
        (
            "checkout.session.async_payment_failed",
            session_object(payment_status="unpaid"),
            {"kind": PAYMENT_FAILED, **PAID, "failure": "The payment failed."},
        ),
        (
            "checkout.session.expired",
            session_object(payment_status="unpaid", status="expired", payment_intent=None),
            {**PAID, "kind": PAYMENT_FAILED, "payment_id": None, "failure": "The checkout expired unpaid."},
        ),
        (
            "checkout.session.completed",
            session_object(payment_status="unpaid"),
            {"kind": IGNORED, "reference": "cs_test_a1Fake"},
        ),
        ("refund.created", refund_object(), {"kind": REFUND_PROCESSED, **REFUNDED}),
        ("refund.updated", refund_object(), {"kind": REFUND_PROCESSED, **REFUNDED}),
        (
            "refund.updated",
            refund_object(status="failed", failure_reason="expired_or_canceled_card"),
            {"kind": REFUND_FAILED, **REFUNDED, "failure": "expired_or_canceled_card"},
        ),
        (
            "refund.updated",
            refund_object(status="canceled"),
            {"kind": REFUND_FAILED, **REFUNDED, "failure": "canceled"},
        ),
        ("refund.created", refund_object(status="pending"), {"kind": IGNORED, "refund_id": "re_3FakeRefund"}),
        ("charge.refunded", {"id": "ch_3FakeCharge", "object": "charge", "amount_refunded": 250000}, {"kind": IGNORED}),
        ("customer.created", {"id": "cus_Fake", "object": "customer"}, {"kind": IGNORED}),
    ],
    ids=[
        "completed-paid",
        "async-succeeded",
        "async-failed",
        "expired",
        "completed-unpaid",
        "refund-created",
        "refund-updated",
        "refund-failed",
        "refund-canceled",
        "refund-pending",
        "charge-refunded",
        "other",
    ],
)
def test_signed_webhooks_become_payment_events(provider, kind, obj, expected):
    body = event_body(kind, obj)
    event = provider.parse_webhook(body, {"Stripe-Signature": stripe_signature(body)})
    assert event == PaymentEvent(event_id="evt_1FakeEvent", **expected)


def test_the_signature_header_name_is_case_insensitive(provider):
    body = event_body("checkout.session.completed", session_object())
    event = provider.parse_webhook(body, {"stripe-signature": stripe_signature(body)})
    assert event.kind == PAYMENT_SUCCEEDED


def refused(provider, body: bytes, headers: dict) -> str:
    with pytest.raises(InvalidWebhook) as caught:
        provider.parse_webhook(body, headers)
    return str(caught.value)


BODY = event_body("checkout.session.completed", session_object())


def test_a_tampered_body_is_refused(provider):
    header = stripe_signature(BODY)
    assert "Stripe-Signature" in refused(provider, BODY.replace(b"250000", b"100"), {"Stripe-Signature": header})


def test_a_body_signed_with_another_secret_is_refused(provider):
    assert refused(provider, BODY, {"Stripe-Signature": stripe_signature(BODY, secret="whsec_SomeoneElse")})


def test_a_missing_signature_is_refused(provider):
    assert refused(provider, BODY, {})
    assert refused(provider, BODY, {"Stripe-Signature": ""})


def test_a_stale_signature_is_refused(provider):
    header = stripe_signature(BODY, timestamp=int(time.time()) - 301)
    assert "tolerance" in refused(provider, BODY, {"Stripe-Signature": header})


def test_a_signature_stamped_in_the_future_is_refused(provider):
    # The library checks only the past; a header made for later could be replayed until then.
    header = stripe_signature(BODY, timestamp=int(time.time()) + 3600)
    assert "future" in refused(provider, BODY, {"Stripe-Signature": header})
    near = stripe_signature(BODY, timestamp=int(time.time()) + 60)  # clocks a minute apart still agree
    assert provider.parse_webhook(BODY, {"Stripe-Signature": near}).kind == PAYMENT_SUCCEEDED


def test_a_replayed_webhook_is_refused(provider):
    # A body captured with its header ten minutes ago, sent again as it was, or with its timestamp made recent.
    now = int(time.time())
    header = stripe_signature(BODY, timestamp=now - 600)
    assert refused(provider, BODY, {"Stripe-Signature": header})
    assert refused(provider, BODY, {"Stripe-Signature": header.replace(f"t={now - 600}", f"t={now}")})


@pytest.mark.parametrize(
    "header", ["garbage", "t=notanumber,v1=abc", "t=1700000000", "v1=abc", "t=,v1=", "v0=abc,t=1700000000"]
)
def test_a_malformed_signature_header_is_refused(provider, header):
    assert refused(provider, BODY, {"Stripe-Signature": header})


def test_without_a_webhook_secret_every_webhook_is_refused(stripe_api):
    provider = stripe_provider(stripe_api.url, STRIPE_WEBHOOK_SECRET="")
    assert refused(provider, BODY, {"Stripe-Signature": stripe_signature(BODY, secret="")})


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"\xff\xfe\x00garbage",
        b"[]",
        b"null",
        b'"evt_1"',
        b'{"type": "checkout.session.completed"}',
        b'{"id": "evt_1"}',
        b'{"id": "evt_1", "type": "checkout.session.completed"}',
        b'{"id": "evt_1", "type": "checkout.session.completed", "data": []}',
        b'{"id": "evt_1", "type": "checkout.session.completed", "data": {"object": "cs_1"}}',
        b'{"id": "evt_1", "type": "refund.updated", "data": {"object": {"id": "re_1"}}}',
        event_body("checkout.session.completed", session_object(amount_total=None)),
        event_body("checkout.session.completed", session_object(amount_total="lots")),
        event_body("refund.updated", refund_object(amount=[1])),
        b"[" * 100_000,
    ],
    # Named, not shown: an event body carries the time it was made, and every test process must collect the same ids.
    ids=[
        "empty",
        "not-json",
        "binary",
        "list",
        "null",
        "string",
        "type-only",
        "id-only",
        "no-data",
        "data-a-list",
        "object-a-string",
        "refund-without-fields",
        "amount-null",
        "amount-text",
        "refund-amount-a-list",
        "deep-nesting",
    ],
)
def test_garbage_with_a_valid_signature_is_invalid_not_an_exception(provider, body):
    assert refused(provider, body, {"Stripe-Signature": stripe_signature(body)})


# -- closing a checkout ------------------------------------------------------------------------------------


def test_closing_a_checkout_expires_its_session_and_a_second_close_is_no_error(stripe_api, provider):
    checkout = provider.create_checkout(checkout_request())
    assert "expired" in provider.close_checkout(checkout.reference)
    assert "already over" in provider.close_checkout(checkout.reference)
    assert [(r.method, r.path) for r in stripe_api.requests[1:]] == [
        ("POST", f"/v1/checkout/sessions/{checkout.reference}/expire")
    ] * 2


def test_closing_a_checkout_while_stripe_is_down_is_retried(stripe_api, provider):
    stripe_api.fail(503)
    with pytest.raises(PaymentError) as caught:
        provider.close_checkout("cs_test_abc")
    assert caught.value.transient


def test_a_hold_that_ends_closes_its_stripe_checkout_through_the_payments_lane(
    stripe_api, make_app, make_session, make_user
):
    session = make_session(capacity=2, starts_in=timedelta(days=3), price=80_000)
    app = make_app(
        PAYMENT_PROVIDER="stripe",
        STRIPE_SECRET_KEY=SECRET_KEY,
        STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
        STRIPE_API_BASE=stripe_api.url,
        STRIPE_MAX_NETWORK_RETRIES=0,
    )
    person = make_user()
    with app.app_context():
        token = issue_token(db.session.get(User, person.id))
    http = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    booking = http.post("/book", json={"session_id": session.id}, headers=headers).get_json()
    reference = booking["payment"]["checkout_url"].rsplit("/", 1)[1]
    assert http.post(f"/bookings/{booking['id']}/cancel", json={}, headers=headers).status_code == 200
    assert reference not in stripe_api.expired  # never called inside the person's request
    with app.app_context():
        lane = build_dispatcher(app.config, channel="payments")
        try:
            while lane.run_once():
                pass
        finally:
            lane.close()
    assert stripe_api.expired == {reference}
