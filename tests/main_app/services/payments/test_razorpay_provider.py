"""The Razorpay provider: the real `razorpay` library against a fake Razorpay API on 127.0.0.1 (RAZORPAY_API_BASE
points at it), and webhooks and checkout answers signed exactly the way Razorpay signs them, checked by the library."""

import json
import socket
from datetime import UTC, datetime, timedelta

import pytest
import requests
from razorpay_shapes import (
    KEY_ID,
    KEY_SECRET,
    WEBHOOK_SECRET,
    basic_auth,
    handler_signature,
    payment_entity,
    refund_entity,
    subscription_entity,
    webhook_body,
    webhook_headers,
    webhook_signature,
)

from main_app.services.payments.providers import PROVIDERS, make_provider
from main_app.services.payments.providers.base import (
    IGNORED,
    PAYMENT_AUTHORIZED,
    PAYMENT_SUCCEEDED,
    REFUND_FAILED,
    REFUND_PROCESSED,
    RENEWAL_FAILED,
    RENEWAL_PAID,
    SUBSCRIPTION_ENDED,
    CheckoutRequest,
    InvalidWebhook,
    PaymentError,
    PaymentEvent,
)
from main_app.services.payments.providers.razorpay_provider import RazorpayProvider, receipt_of


def razorpay_provider(api_base: str, **settings) -> RazorpayProvider:
    """A provider built the way the app builds it, from settings."""
    config = {
        "RAZORPAY_KEY_ID": KEY_ID,
        "RAZORPAY_KEY_SECRET": KEY_SECRET,
        "RAZORPAY_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "RAZORPAY_API_BASE": api_base,
        "RAZORPAY_TIMEOUT": 5.0,
        "PUBLIC_API_URL": "http://api.example.test",
    }
    provider = make_provider("razorpay", config | settings)
    assert isinstance(provider, RazorpayProvider)
    return provider


@pytest.fixture
def provider(razorpay_api):
    return razorpay_provider(razorpay_api.url)


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
        "expires_at": datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=15),
        "idempotency_key": "checkout-42-1",
    }
    return CheckoutRequest(**(values | changes))


def test_razorpay_is_a_provider_by_name():
    assert "razorpay" in PROVIDERS


# -- checkouts ------------------------------------------------------------------------------------------


def test_checkout_looks_up_its_receipt_then_makes_an_order_in_paise(razorpay_api, provider):
    hold_end = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=15)
    checkout = provider.create_checkout(checkout_request(expires_at=hold_end))
    lookup, made, again = razorpay_api.requests
    page = {"receipt": "checkout-42-1", "count": "100", "skip": "0"}
    assert (lookup.method, lookup.path, lookup.body) == ("GET", "/v1/orders", page)
    assert (again.method, again.path, again.body) == ("GET", "/v1/orders", page)
    assert (made.method, made.path) == ("POST", "/v1/orders")
    assert made.body == {
        "amount": 250000,
        "currency": "INR",
        "receipt": "checkout-42-1",
        "notes": {"booking_id": "42"},
    }
    assert made.headers["Authorization"] == basic_auth(KEY_ID, KEY_SECRET)
    assert checkout.reference.startswith("order_")
    assert checkout.url == f"http://api.example.test/payments/razorpay/checkout/{checkout.reference}"
    assert checkout.expires_at == hold_end
    assert provider.closes_checkouts is False


def test_a_retried_checkout_reuses_the_order_of_its_receipt(razorpay_api, provider):
    first = provider.create_checkout(checkout_request())
    again = provider.create_checkout(checkout_request())
    assert again.reference == first.reference
    assert len(razorpay_api.calls("POST", "/v1/orders")) == 1
    other = provider.create_checkout(checkout_request(idempotency_key="checkout-42-2"))
    assert other.reference != first.reference


def test_two_orders_made_at_once_for_one_receipt_resolve_to_the_first_made(razorpay_api, provider):
    """Razorpay takes a receipt twice: two calls at once that both made an order both answer with the first."""
    first = provider.create_checkout(checkout_request()).reference
    razorpay_api.orders["order_zzLater"] = razorpay_api.orders[first] | {"id": "order_zzLater", "created_at": 1 << 40}
    assert provider.create_checkout(checkout_request()).reference == first


def test_the_receipt_lookup_reads_every_page_of_its_matches(razorpay_api, provider):
    """Razorpay lists ten orders unless asked, newest first, at most a hundred a page: the first made is found past
    the first page."""
    first = provider.create_checkout(checkout_request()).reference
    for n in range(150):  # made later with the same receipt (two Pay clicks at once, many times over)
        razorpay_api.orders[f"order_later{n}"] = razorpay_api.orders[first] | {
            "id": f"order_later{n}",
            "created_at": 1 << 40,
        }
    assert provider.create_checkout(checkout_request()).reference == first
    skips = [call.body["skip"] for call in razorpay_api.calls("GET", "/v1/orders")][-2:]
    assert skips == ["0", "100"]


def test_an_order_under_one_rupee_is_never_made(razorpay_api, provider):
    with pytest.raises(PaymentError) as refused:
        provider.create_checkout(checkout_request(amount=99))
    assert not refused.value.transient and razorpay_api.requests == []
    assert provider.minimum_amount == 100


def test_the_stand_in_refuses_what_razorpay_refuses(razorpay_api, provider):
    """Orders under ₹1, receipts over 40 characters, more than 15 notes, refunds above what was captured."""
    orders = f"{razorpay_api.url}/v1/orders"
    auth = (KEY_ID, KEY_SECRET)
    ok = {"amount": 100, "currency": "INR", "receipt": "r" * 40, "notes": {f"n{n}": "x" for n in range(15)}}
    assert requests.post(orders, json=ok, auth=auth, timeout=5).status_code == 200
    for refused in ({"amount": 99}, {"receipt": "r" * 41}, {"notes": {f"n{n}": "x" for n in range(16)}}):
        assert requests.post(orders, json=ok | refused, auth=auth, timeout=5).status_code == 400, refused
    paid = razorpay_api.pay(provider.create_checkout(checkout_request()).reference)
    provider.refund(paid["id"], 200000, "INR", idempotency_key="refund-1")
    with pytest.raises(PaymentError) as above:
        provider.refund(paid["id"], 50001, "INR", idempotency_key="refund-2")  # only 50000 is left
    assert not above.value.transient


def test_a_long_key_becomes_a_40_character_receipt(razorpay_api, provider):
    key = "pass-checkout-" + "9" * 40
    provider.create_checkout(checkout_request(booking_id=None, pass_id=7, idempotency_key=key))
    [made] = razorpay_api.calls("POST", "/v1/orders")
    assert made.body["receipt"] == receipt_of(key) and len(receipt_of(key)) == 40
    assert receipt_of(key) != receipt_of(key + "0")
    assert made.body["notes"] == {"pass_id": "7"}


def test_a_membership_checkout_is_a_plan_and_a_subscription_paid_up_front(razorpay_api, provider):
    hold_end = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=15)
    request = checkout_request(
        booking_id=None, pass_id=9, amount=360000, renews_every="month", renewal_amount=450000, expires_at=hold_end
    )
    checkout = provider.create_checkout(request)
    [plan] = razorpay_api.calls("POST", "/v1/plans")
    assert plan.body["period"] == "monthly" and plan.body["interval"] == 1
    assert (plan.body["item"]["amount"], plan.body["item"]["currency"]) == (450000, "INR")
    [made] = razorpay_api.calls("POST", "/v1/subscriptions")
    assert made.body["plan_id"] == razorpay_api.plans[made.body["plan_id"]]["id"]
    assert made.body["addons"] == [{"item": {"name": "First period", "amount": 360000, "currency": "INR"}}]
    assert made.body["notes"] == {"pass_id": "9"}
    assert made.body["expire_by"] == int(hold_end.timestamp())
    # The plan's own charges start one period on: the first period is the add-on paid at authorisation.
    assert made.body["start_at"] >= int((datetime.now(UTC) + timedelta(days=27)).timestamp())
    assert checkout.reference.startswith("sub_") and checkout.url.endswith(f"/checkout/{checkout.reference}")


def test_a_yearly_membership_has_a_yearly_plan(razorpay_api, provider):
    provider.create_checkout(checkout_request(booking_id=None, pass_id=9, renews_every="year"))
    [plan] = razorpay_api.calls("POST", "/v1/plans")
    assert plan.body["period"] == "yearly"


def test_razorpay_renewals_are_never_charged_by_us(provider):
    with pytest.raises(PaymentError) as refused:
        provider.charge_renewal("pay_1", 1000, "INR", idempotency_key="renewal-1")
    assert refused.value.configuration and not refused.value.transient


def test_closing_a_checkout_asks_nothing_of_razorpay(razorpay_api, provider):
    assert "cannot be closed" in provider.close_checkout("order_1")
    assert razorpay_api.requests == []


# -- the checkout's handler -----------------------------------------------------------------------------


def test_a_signed_handler_answer_becomes_the_captured_payment(razorpay_api, provider):
    order = provider.create_checkout(checkout_request()).reference
    paid = razorpay_api.pay(order)
    answer = {"razorpay_order_id": order, "razorpay_payment_id": paid["id"]}
    answer["razorpay_signature"] = handler_signature(order, paid["id"])
    event = provider.checkout_paid(order, answer)
    assert event == PaymentEvent(
        f"checkout:{paid['id']}", PAYMENT_SUCCEEDED, order, paid["id"], 250000, "INR", subscription_id=None
    )


def test_an_authorised_payment_not_yet_captured_is_ours_to_capture(razorpay_api, provider):
    order = provider.create_checkout(checkout_request()).reference
    paid = razorpay_api.pay(order, status="authorized")
    signed = {"razorpay_payment_id": paid["id"], "razorpay_signature": handler_signature(order, paid["id"])}
    event = provider.checkout_paid(order, signed)
    assert (event.kind, event.event_id, event.amount) == (
        PAYMENT_AUTHORIZED,
        f"checkout:{paid['id']}:authorized",
        250000,
    )
    assert provider.capture(paid["id"], 250000, "INR") == f"payment {paid['id']}: captured"
    [captured] = razorpay_api.calls("POST", f"/v1/payments/{paid['id']}/capture")
    assert captured.body == {"amount": 250000, "currency": "INR"}
    assert provider.capture(paid["id"], 250000, "INR") == "already captured"  # a retry, or the Dashboard's own
    assert razorpay_api.payments[paid["id"]]["status"] == "captured"


def test_a_handler_answer_for_a_payment_of_another_order_is_refused(razorpay_api, provider):
    """Signed for this order, but the payment Razorpay shows belongs to another: never taken as this order's."""
    order = provider.create_checkout(checkout_request()).reference
    other = provider.create_checkout(checkout_request(idempotency_key="checkout-43-1")).reference
    paid = razorpay_api.pay(other)
    signed = {"razorpay_payment_id": paid["id"], "razorpay_signature": handler_signature(order, paid["id"])}
    with pytest.raises(InvalidWebhook):
        provider.checkout_paid(order, signed)


def test_a_subscription_authorisation_is_verified_with_its_own_signature(razorpay_api, provider):
    request = checkout_request(booking_id=None, pass_id=9, amount=360000, renews_every="month", renewal_amount=450000)
    subscription = provider.create_checkout(request).reference
    paid = razorpay_api.pay(subscription)
    signed = {"razorpay_payment_id": paid["id"], "razorpay_signature": handler_signature(subscription, paid["id"])}
    event = provider.checkout_paid(subscription, signed)
    assert (event.kind, event.amount, event.subscription_id) == (PAYMENT_SUCCEEDED, 360000, subscription)
    # the order's form of the signature ("order|payment") is not the subscription's ("payment|subscription")
    swapped = {**signed, "razorpay_signature": handler_signature("order_" + subscription, paid["id"])}
    with pytest.raises(InvalidWebhook):
        provider.checkout_paid(subscription, swapped)


@pytest.mark.parametrize(
    "answer",
    [
        {},
        {"razorpay_payment_id": "pay_1"},
        {"razorpay_payment_id": "pay_1", "razorpay_signature": "0" * 64},
        {"razorpay_payment_id": "pay_1", "razorpay_signature": handler_signature("order_other", "pay_1")},
        {"razorpay_payment_id": "pay_1", "razorpay_signature": handler_signature("order_1", "pay_1", secret="x")},
    ],
)
def test_a_handler_answer_not_signed_for_this_order_is_refused_before_any_call(razorpay_api, provider, answer):
    with pytest.raises(InvalidWebhook):
        provider.checkout_paid("order_1", answer)
    assert razorpay_api.requests == []


# -- refunds ---------------------------------------------------------------------------------------------


def test_refund_lists_then_refunds_with_the_key_in_its_notes(razorpay_api, provider):
    paid = razorpay_api.pay(provider.create_checkout(checkout_request()).reference)
    refund = provider.refund(paid["id"], 100000, "INR", idempotency_key="refund-abc")
    assert (refund.status, refund.refund_id.startswith("rfnd_")) == ("processed", True)
    [listed] = razorpay_api.calls("GET", f"/v1/payments/{paid['id']}/refunds")
    [made] = razorpay_api.calls("POST", f"/v1/payments/{paid['id']}/refund")
    assert listed.body == {"count": "100", "skip": "0"}
    assert made.body == {
        "amount": 100000,
        "speed": "normal",
        "notes": {"idempotency_key": "refund-abc"},
        "receipt": "refund-abc",
    }


def test_a_repeated_refund_key_gets_the_same_refund_and_another_key_a_second(razorpay_api, provider):
    paid = razorpay_api.pay(provider.create_checkout(checkout_request()).reference)
    first = provider.refund(paid["id"], 100000, "INR", idempotency_key="refund-abc")
    assert provider.refund(paid["id"], 100000, "INR", idempotency_key="refund-abc") == first
    second = provider.refund(paid["id"], 50000, "INR", idempotency_key="refund-def")  # a partial one more
    assert second.refund_id != first.refund_id
    assert len(razorpay_api.calls("POST", f"/v1/payments/{paid['id']}/refund")) == 2


@pytest.mark.parametrize(("razorpay_status", "ours"), [("processed", "processed"), ("pending", "initiated")])
def test_refund_states_map_to_ours(razorpay_api, provider, razorpay_status, ours):
    razorpay_api.refund_status = razorpay_status
    paid = razorpay_api.pay(provider.create_checkout(checkout_request()).reference)
    assert provider.refund(paid["id"], 250000, "INR", idempotency_key="refund-1").status == ours


def test_a_refund_razorpay_answers_failed_is_dead(razorpay_api, provider):
    razorpay_api.refund_status = "failed"
    paid = razorpay_api.pay(provider.create_checkout(checkout_request()).reference)
    with pytest.raises(PaymentError) as failed:
        provider.refund(paid["id"], 250000, "INR", idempotency_key="refund-1")
    assert not failed.value.transient


# -- errors ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "transient", "configuration"),
    [(400, False, False), (401, False, True), (429, True, False), (500, True, False), (502, True, False)],
)
def test_razorpay_errors_map_to_payment_errors(razorpay_api, provider, status, transient, configuration):
    razorpay_api.fail(status, headers={"Retry-After": "7"} if status == 429 else None)
    with pytest.raises(PaymentError) as failed:
        provider.create_checkout(checkout_request())
    assert (failed.value.transient, failed.value.configuration, failed.value.unreachable) == (
        transient,
        configuration,
        False,
    )
    assert failed.value.retry_after == (7.0 if status == 429 else None)


def test_a_refused_key_is_a_configuration_error_that_never_shows_the_secret(razorpay_api):
    wrong = razorpay_provider(razorpay_api.url, RAZORPAY_KEY_SECRET="WrongSecretThatMustNeverBeShown")
    with pytest.raises(PaymentError) as refused:
        wrong.create_checkout(checkout_request())
    assert refused.value.configuration
    assert "WrongSecretThatMustNeverBeShown" not in str(refused.value)


def test_razorpay_down_is_transient_and_unreachable(down_url):
    with pytest.raises(PaymentError) as failed:
        razorpay_provider(down_url).refund("pay_1", 100, "INR", idempotency_key="refund-1")
    assert failed.value.transient and failed.value.unreachable


def test_a_timeout_is_transient_and_unreachable(razorpay_api):
    razorpay_api.fail(200, delay=0.5)
    slow = razorpay_provider(razorpay_api.url, RAZORPAY_TIMEOUT=0.1)
    with pytest.raises(PaymentError) as failed:
        slow.create_checkout(checkout_request())
    assert failed.value.transient and failed.value.unreachable


def test_connection_is_an_authenticated_read(razorpay_api, provider, down_url):
    assert provider.test_connection() is True
    assert razorpay_api.requests[-1].path == "/v1/orders"
    assert razorpay_provider(razorpay_api.url, RAZORPAY_KEY_SECRET="wrong").test_connection() is False
    assert razorpay_provider(down_url).test_connection() is False


# -- subscriptions ending ------------------------------------------------------------------------------


def test_ending_a_subscription_now_or_at_its_cycle_end_and_twice_is_no_error(razorpay_api, provider):
    request = checkout_request(booking_id=None, pass_id=9, renews_every="month")
    ending, ended = (provider.create_checkout(request).reference for _ in range(2))
    assert "at its cycle's end" in provider.end_subscription(ending, at_period_end=True)
    assert razorpay_api.calls("POST", f"/v1/subscriptions/{ending}/cancel")[0].body == {"cancel_at_cycle_end": 1}
    provider.end_subscription(ended, at_period_end=False)
    assert razorpay_api.calls("POST", f"/v1/subscriptions/{ended}/cancel")[0].body == {"cancel_at_cycle_end": 0}
    assert (razorpay_api.ending, razorpay_api.canceled) == ({ending}, {ended})
    assert provider.end_subscription(ended, at_period_end=False) == "already over: cancelled"


def test_ending_an_unknown_subscription_is_a_dead_error(provider):
    with pytest.raises(PaymentError) as failed:
        provider.end_subscription("sub_Unknown", at_period_end=False)
    assert not failed.value.transient


# -- webhooks --------------------------------------------------------------------------------------------

PAID = payment_entity("order_A1", 250000, "INR", payment_id="pay_A1")
SUBSCRIPTION = subscription_entity({"notes": {"pass_id": "9"}}, "sub_S1", status="active") | {"paid_count": 1}
WEBHOOKS = [
    ("payment.captured", {"payment": PAID}, PaymentEvent("e", PAYMENT_SUCCEEDED, "order_A1", "pay_A1", 250000, "INR")),
    (
        "order.paid",
        {"payment": PAID, "order": {"id": "order_A1"}},
        PaymentEvent("e", PAYMENT_SUCCEEDED, "order_A1", "pay_A1", 250000, "INR"),
    ),
    ("payment.failed", {"payment": PAID | {"status": "failed"}}, PaymentEvent("e", IGNORED)),
    (
        "payment.authorized",
        {"payment": PAID | {"status": "authorized"}},
        PaymentEvent("e", PAYMENT_AUTHORIZED, "order_A1", "pay_A1", 250000, "INR"),
    ),
    ("payment.authorized", {"payment": PAID}, PaymentEvent("e", IGNORED)),  # captured meanwhile: its own event tells
    (
        "refund.processed",
        {"refund": refund_entity(PAID, {"amount": 1000}) | {"id": "rfnd_R1"}, "payment": PAID},
        PaymentEvent("e", REFUND_PROCESSED, payment_id="pay_A1", amount=1000, currency="INR", refund_id="rfnd_R1"),
    ),
    (
        "refund.failed",
        {"refund": refund_entity(PAID, {}, "failed") | {"id": "rfnd_R2"}, "payment": PAID},
        PaymentEvent(
            "e",
            REFUND_FAILED,
            payment_id="pay_A1",
            amount=250000,
            currency="INR",
            refund_id="rfnd_R2",
            failure="Razorpay could not process the refund.",
        ),
    ),
    (
        "subscription.charged",
        {"subscription": SUBSCRIPTION, "payment": PAID | {"id": "pay_R1"}},
        PaymentEvent("e", RENEWAL_PAID, "pay_R1", "pay_R1", 250000, "INR", subscription_id="sub_S1", pass_id=9),
    ),
    (
        "subscription.charged",
        {"subscription": SUBSCRIPTION | {"status": "authenticated", "paid_count": 0}, "payment": PAID},
        PaymentEvent("e", PAYMENT_SUCCEEDED, "sub_S1", "pay_A1", 250000, "INR", subscription_id="sub_S1", pass_id=9),
    ),
    (
        "subscription.authenticated",
        {"subscription": SUBSCRIPTION | {"status": "authenticated", "paid_count": 0}, "payment": PAID},
        PaymentEvent("e", PAYMENT_SUCCEEDED, "sub_S1", "pay_A1", 250000, "INR", subscription_id="sub_S1", pass_id=9),
    ),
    (
        "subscription.authenticated",
        {"subscription": SUBSCRIPTION},
        PaymentEvent("e", IGNORED, subscription_id="sub_S1"),
    ),
    (
        "subscription.pending",
        {"subscription": SUBSCRIPTION},
        PaymentEvent(
            "e",
            RENEWAL_FAILED,
            failure="Razorpay could not charge the mandate for the renewal.",
            subscription_id="sub_S1",
            pass_id=9,
            approve_url=SUBSCRIPTION["short_url"],
        ),
    ),
    (
        "subscription.halted",
        {"subscription": SUBSCRIPTION},
        PaymentEvent(
            "e",
            RENEWAL_FAILED,
            failure="Razorpay could not charge the mandate for the renewal.",
            subscription_id="sub_S1",
            pass_id=9,
            approve_url=SUBSCRIPTION["short_url"],
        ),
    ),
    (
        "subscription.cancelled",
        {"subscription": SUBSCRIPTION},
        PaymentEvent("e", SUBSCRIPTION_ENDED, subscription_id="sub_S1", pass_id=9),
    ),
    (
        "subscription.completed",
        {"subscription": SUBSCRIPTION},
        PaymentEvent("e", SUBSCRIPTION_ENDED, subscription_id="sub_S1", pass_id=9),
    ),
    ("invoice.paid", {"invoice": {"id": "inv_1"}}, PaymentEvent("e", IGNORED)),
]


@pytest.mark.parametrize(("kind", "entities", "expected"), WEBHOOKS, ids=[w[0] for w in WEBHOOKS])
def test_signed_webhooks_become_payment_events(provider, kind, entities, expected):
    body = webhook_body(kind, entities)
    assert provider.parse_webhook(body, webhook_headers(body, event_id="e")) == expected


def test_the_event_id_is_razorpays_and_the_header_names_are_case_insensitive(provider):
    body = webhook_body("payment.captured", {"payment": PAID})
    headers = {"x-razorpay-signature": webhook_signature(body), "x-razorpay-event-id": "EvT1"}
    assert provider.parse_webhook(body, headers).event_id == "EvT1"


def test_without_an_event_id_the_bodys_digest_names_it(provider):
    body = webhook_body("payment.captured", {"payment": PAID})
    first = provider.parse_webhook(body, {"X-Razorpay-Signature": webhook_signature(body)})
    assert first.event_id.startswith("sha256:")
    assert provider.parse_webhook(body, {"X-Razorpay-Signature": webhook_signature(body)}).event_id == first.event_id


def test_a_tampered_body_is_refused(provider):
    body = webhook_body("payment.captured", {"payment": PAID})
    headers = webhook_headers(body)
    with pytest.raises(InvalidWebhook):
        provider.parse_webhook(body.replace(b"250000", b"1"), headers)


def test_a_body_signed_with_another_secret_is_refused(provider):
    body = webhook_body("payment.captured", {"payment": PAID})
    with pytest.raises(InvalidWebhook):
        provider.parse_webhook(body, webhook_headers(body, secret="AnotherStudiosWebhookSecret"))


@pytest.mark.parametrize("signature", [None, "", "not-hex", "0" * 64])
def test_a_missing_or_malformed_signature_is_refused(provider, signature):
    body = webhook_body("payment.captured", {"payment": PAID})
    headers = {} if signature is None else {"X-Razorpay-Signature": signature}
    with pytest.raises(InvalidWebhook):
        provider.parse_webhook(body, headers)


def test_without_a_webhook_secret_every_webhook_is_refused(razorpay_api):
    unset = razorpay_provider(razorpay_api.url, RAZORPAY_WEBHOOK_SECRET="")
    body = webhook_body("payment.captured", {"payment": PAID})
    with pytest.raises(InvalidWebhook):
        unset.parse_webhook(body, webhook_headers(body))


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[]",
        b"{}",
        json.dumps({"event": "payment.captured"}).encode(),
        json.dumps({"event": "payment.captured", "payload": {"payment": {"entity": []}}}).encode(),
        json.dumps({"event": "refund.processed", "payload": {"refund": {"entity": {"id": "r"}}}}).encode(),
        b"\xff\xfe",
        b"[" * 5000 + b"]" * 5000,
    ],
)
def test_garbage_with_a_valid_signature_is_invalid_not_an_exception(provider, body):
    headers = {"X-Razorpay-Signature": webhook_signature(body)}
    with pytest.raises(InvalidWebhook):
        provider.parse_webhook(body, headers)
