"""Paying a seat on Razorpay: our page opens Razorpay's Checkout (checkout.js) until the hold ends, its handler's
signed answer confirms the booking once (Razorpay's webhooks of the same payment then change nothing), and answers
not signed by Razorpay are refused. The real app and `razorpay` library against the fake Razorpay API."""

import json
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from razorpay_shapes import KEY_ID, KEY_SECRET, WEBHOOK_SECRET, handler_signature, webhook_body, webhook_headers

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Booking, OutboxMessage, Payment, utcnow

PRICE = 4_500_000


@pytest.fixture
def app(make_app, razorpay_api):
    return make_app(
        PAYMENT_PROVIDER="razorpay",
        RAZORPAY_KEY_ID=KEY_ID,
        RAZORPAY_KEY_SECRET=KEY_SECRET,
        RAZORPAY_WEBHOOK_SECRET=WEBHOOK_SECRET,
        RAZORPAY_API_BASE=razorpay_api.url,
        RAZORPAY_CHECKOUT_JS=f"{razorpay_api.url}/v1/checkout.js",
    )


@pytest.fixture
def held(user_client, paid_session) -> dict:
    booked = user_client.post("/book", json={"session_id": paid_session.id})
    assert booked.status_code == 201, booked.get_json()
    return booked.get_json()


def order_of(booking: dict) -> str:
    return booking["payment"]["checkout_url"].rsplit("/", 1)[1]


def page_options(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="razorpay-options">(.*?)</script>', html, re.S)
    return json.loads(found[1])


def signed_answer(order: str, payment_id: str, **changes) -> dict:
    answer = {
        "razorpay_order_id": order,
        "razorpay_payment_id": payment_id,
        "razorpay_signature": handler_signature(order, payment_id),
    }
    return answer | changes


def test_the_page_opens_razorpays_checkout_for_the_order_and_the_holds_time(app, client, razorpay_api, held):
    order = order_of(held)
    assert held["payment"]["checkout_url"] == f"http://localhost:5000/payments/razorpay/checkout/{order}"
    page = client.get(f"/payments/razorpay/checkout/{order}")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    options = page_options(html)
    assert {key: options[key] for key in ("key", "order_id", "amount", "currency")} == {
        "key": KEY_ID,
        "order_id": order,
        "amount": PRICE,
        "currency": "INR",
    }
    assert options["prefill"]["email"].endswith("@example.com")
    assert 0 < options["timeout"] <= app.config["PAYMENT_HOLD_SECONDS"]
    assert f'src="{razorpay_api.url}/v1/checkout.js"' in html
    assert KEY_SECRET not in html and WEBHOOK_SECRET not in html
    nonce = re.search(r"'nonce-([^']+)'", page.headers["Content-Security-Policy"])[1]
    assert html.count(f'nonce="{nonce}"') == 2 and page.headers["Cache-Control"] == "no-store"


def test_the_page_refuses_to_open_once_the_hold_ended(app, client, held):
    with app.app_context(), unit_of_work():
        db.session.execute(sa.update(Payment).values(expires_at=utcnow() - timedelta(seconds=1)))
    html = client.get(f"/payments/razorpay/checkout/{order_of(held)}").get_data(as_text=True)
    assert "This checkout has closed. The seat&#39;s hold ended." in html
    assert "checkout.js" not in html and "razorpay-options" not in html


def test_an_unknown_checkout_is_a_json_404(client, assert_error):
    assert_error(client.get("/payments/razorpay/checkout/order_Nobodys"), 404, "not_found")
    assert_error(client.post("/payments/razorpay/checkout/order_Nobodys/paid", json={}), 404, "not_found")


def test_the_handlers_signed_answer_confirms_the_booking_once(
    app, client, razorpay_api, held, user_client, outbox, email_outbox
):
    order = order_of(held)
    paid = razorpay_api.pay(order, method="upi")
    answer = client.post(f"/payments/razorpay/checkout/{order}/paid", json=signed_answer(order, paid["id"]))
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json() == {"redirect": f"http://localhost:5173/bookings/{held['id']}/payment?result=success"}
    booking = user_client.get(f"/bookings/{held['id']}").get_json()
    assert (booking["status"], booking["payment"]["payment_id"]) == ("active", paid["id"])
    told = ([m["type"] for m in outbox()], [m["type"] for m in email_outbox()])
    # Razorpay's webhooks of the same payment come later: verified, and they change nothing.
    for kind, entities in (("payment.captured", {"payment": paid}), ("order.paid", {"payment": paid})):
        body = webhook_body(kind, entities)
        assert client.post("/payments/webhook/razorpay", data=body, headers=webhook_headers(body)).status_code == 200
    assert ([m["type"] for m in outbox()], [m["type"] for m in email_outbox()]) == told
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Payment.id))) == 1


def test_a_form_post_of_the_answer_is_redirected_back(client, razorpay_api, held):
    order = order_of(held)
    paid = razorpay_api.pay(order, method="card")
    answer = client.post(f"/payments/razorpay/checkout/{order}/paid", data=signed_answer(order, paid["id"]))
    assert answer.status_code == 303
    assert answer.headers["Location"].endswith(f"/bookings/{held['id']}/payment?result=success")


@pytest.mark.parametrize(
    "forged",
    [
        {"razorpay_signature": "0" * 64},
        {"razorpay_signature": handler_signature("order_Another", "pay_X")},
        {"razorpay_signature": ""},
        {"razorpay_payment_id": ""},
    ],
)
def test_an_answer_not_signed_by_razorpay_for_this_order_is_refused(
    app, client, razorpay_api, held, user_client, assert_error, forged
):
    order = order_of(held)
    paid = razorpay_api.pay(order)
    answer = client.post(f"/payments/razorpay/checkout/{order}/paid", json=signed_answer(order, paid["id"]) | forged)
    assert_error(answer, 400, "invalid_payment_signature")
    assert user_client.get(f"/bookings/{held['id']}").get_json()["status"] == "pending_payment"
    assert razorpay_api.calls("GET", r"/v1/payments/\w+") == []  # refused before asking Razorpay


def test_an_answer_signed_with_another_key_secret_is_refused(client, razorpay_api, held, assert_error):
    order = order_of(held)
    paid = razorpay_api.pay(order)
    forged = {"razorpay_signature": handler_signature(order, paid["id"], secret="AnotherStudiosKeySecret")}
    answer = client.post(f"/payments/razorpay/checkout/{order}/paid", json=signed_answer(order, paid["id"]) | forged)
    assert_error(answer, 400, "invalid_payment_signature")


@pytest.mark.parametrize("body", [[], "text", 5])
def test_an_answer_that_is_not_an_object_is_refused(client, held, assert_error, body):
    answer = client.post(f"/payments/razorpay/checkout/{order_of(held)}/paid", json=body)
    assert_error(answer, 400, "invalid_payment_signature")


def test_razorpay_unreachable_while_confirming_is_a_503_and_the_webhook_still_confirms(
    client, razorpay_api, held, user_client, assert_error
):
    order = order_of(held)
    paid = razorpay_api.pay(order)
    razorpay_api.fail(503)
    answer = client.post(f"/payments/razorpay/checkout/{order}/paid", json=signed_answer(order, paid["id"]))
    assert_error(answer, 503, "payment_provider_unavailable")
    body = webhook_body("payment.captured", {"payment": paid})
    assert client.post("/payments/webhook/razorpay", data=body, headers=webhook_headers(body)).get_json() == {
        "received": True,
        "result": "applied",
    }
    assert user_client.get(f"/bookings/{held['id']}").get_json()["status"] == "active"


def test_a_webhook_signed_with_another_secret_is_refused(client, razorpay_api, held, user_client, assert_error):
    body = webhook_body("payment.captured", {"payment": razorpay_api.pay(order_of(held))})
    headers = webhook_headers(body, secret="AnotherStudiosWebhookSecret")
    assert_error(client.post("/payments/webhook/razorpay", data=body, headers=headers), 400, "invalid_webhook")
    assert user_client.get(f"/bookings/{held['id']}").get_json()["status"] == "pending_payment"


def test_razorpays_webhooks_are_not_taken_without_its_secret(make_app, client_for, assert_error):
    bare = make_app().test_client()
    assert_error(bare.post("/payments/webhook/razorpay", data=b"{}"), 404, "unknown_provider")


def test_a_payment_after_the_hold_ended_takes_the_seat_back_when_free(
    app, client, razorpay_api, held, user_client, payments_lane
):
    """Razorpay's orders cannot be closed: a payment that still comes finds the seat or goes back (late rules)."""
    with app.app_context(), unit_of_work():
        past = utcnow() - timedelta(seconds=1)
        db.session.execute(sa.update(Booking).values(hold_expires_at=past))
        db.session.execute(sa.update(OutboxMessage).values(next_attempt_at=past))
    payments_lane()
    assert user_client.get(f"/bookings/{held['id']}").get_json()["status"] == "expired"
    assert razorpay_api.requests[-1].path == "/v1/orders"  # nothing asked of Razorpay to close the order
    body = webhook_body("payment.captured", {"payment": razorpay_api.pay(order_of(held))})
    assert client.post("/payments/webhook/razorpay", data=body, headers=webhook_headers(body)).status_code == 200
    assert user_client.get(f"/bookings/{held['id']}").get_json()["status"] == "active"


def _webhook(client, kind: str, payment: dict):
    body = webhook_body(kind, {"payment": payment})
    return client.post("/payments/webhook/razorpay", data=body, headers=webhook_headers(body)).get_json()["result"]


def test_a_second_payment_captured_on_a_paid_order_is_recorded_and_given_back(
    app, client, razorpay_api, held, user_client, payments_lane
):
    """An order takes several attempts: a second payment captured on it (a late authorisation captured after the
    first) is recorded and refunded through Razorpay; the first keeps the seat."""
    order = order_of(held)
    first, second = razorpay_api.pay(order), razorpay_api.pay(order)
    assert (_webhook(client, "payment.captured", first), _webhook(client, "payment.captured", second)) == (
        "applied",
        "applied",
    )
    payments_lane()
    booking = user_client.get(f"/bookings/{held['id']}").get_json()
    assert (booking["status"], booking["payment"]["payment_id"]) == ("active", first["id"])
    [refund] = razorpay_api.refunds[second["id"]]
    assert (refund["amount"], refund["status"], razorpay_api.refunds.get(first["id"])) == (PRICE, "processed", None)
    with app.app_context():
        rows = db.session.execute(sa.select(Payment.payment_id, Payment.refund_status).order_by(Payment.id)).all()
    assert [tuple(row) for row in rows] == [(first["id"], None), (second["id"], "processed")]


def test_an_authorised_payment_is_captured_by_us_and_then_confirms_the_seat(
    client, razorpay_api, held, user_client, payments_lane
):
    """Never left to the Dashboard's auto-capture setting: the authorisation is captured on the payments lane, and
    Razorpay's captured event confirms the seat."""
    order = order_of(held)
    authorised = razorpay_api.pay(order, status="authorized")
    answer = client.post(f"/payments/razorpay/checkout/{order}/paid", json=signed_answer(order, authorised["id"]))
    assert answer.status_code == 200, answer.get_json()
    assert _webhook(client, "payment.authorized", authorised) == "applied"
    payments_lane()
    captures = razorpay_api.calls("POST", f"/v1/payments/{authorised['id']}/capture")
    # the handler's answer and the webhook each ask: the second finds it captured, no error
    assert [capture.body for capture in captures] == [{"amount": PRICE, "currency": "INR"}] * 2
    assert razorpay_api.payments[authorised["id"]]["status"] == "captured"
    assert user_client.get(f"/bookings/{held['id']}").get_json()["status"] == "pending_payment"
    assert _webhook(client, "payment.captured", razorpay_api.payments[authorised["id"]]) == "applied"
    assert user_client.get(f"/bookings/{held['id']}").get_json()["status"] == "active"


def test_an_authorisation_of_the_wrong_amount_is_left_to_lapse(client, razorpay_api, held, payments_lane):
    order = order_of(held)
    wrong = razorpay_api.pay(order, status="authorized", amount=100)
    assert _webhook(client, "payment.authorized", wrong) == "applied"
    payments_lane()
    assert razorpay_api.calls("POST", r"/v1/payments/\w+/capture") == []  # Razorpay gives an uncaptured one back


def test_a_price_under_one_rupee_is_refused_before_any_order(
    app, make_session, user_client, razorpay_api, assert_error
):
    session = make_session(capacity=2, starts_in=timedelta(days=3), price=99, currency="INR")
    answer = user_client.post("/book", json={"session_id": session.id})
    assert_error(answer, 409, "amount_below_minimum")
    assert answer.get_json()["error"]["message"].startswith("Razorpay takes no payment under ₹1")
    assert razorpay_api.calls("POST", "/v1/orders") == []
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Booking.id))) == 0  # the held seat went back
