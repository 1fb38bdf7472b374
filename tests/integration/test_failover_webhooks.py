"""Payment webhooks that land while the PostgreSQL primary is gone (crashed: its processes killed with SIGKILL at
once) are answered 503 with Retry-After, so the provider sends them again, and leave nothing behind; once the
standby is promoted, the same webhook is applied once and a further delivery changes nothing. A signed Stripe
checkout.session.completed and a signed Razorpay payment.captured, each for a seat held for payment, through the
main API on the pair's multi-host URL."""

import secrets
import threading
from datetime import timedelta

import main_fake_stripe as stripe_fake
import pytest
import razorpay_shapes as rzp
import sqlalchemy as sa
from db_templates import migrate_schema

from main_app.extensions import db
from main_app.models import CHANNEL_CRM, Booking, Invoice, OutboxMessage, Payment, PaymentWebhook

# Its own two PostgreSQL nodes whatever the run's backend: once per run, under the postgresql parameter when there
# is one (the marker keeps the database matrix's rule that a threaded test is on both).
pytestmark = [pytest.mark.integration, pytest.mark.both_databases]

PRICE = 4_500_000  # ₹45,000.00
AT_PROMOTION = 200  # each provider's deliveries at most while the standby is promoted


@pytest.fixture
def app(make_app, pair, stripe_api, razorpay_api):
    """The main API on the pair, taking Stripe's and Razorpay's webhooks (their fake APIs make the checkouts)."""
    providers = {
        "STRIPE_SECRET_KEY": stripe_fake.SECRET_KEY,
        "STRIPE_WEBHOOK_SECRET": stripe_fake.WEBHOOK_SECRET,
        "STRIPE_API_BASE": stripe_api.url,
        "STRIPE_MAX_NETWORK_RETRIES": 0,
        "RAZORPAY_KEY_ID": rzp.KEY_ID,
        "RAZORPAY_KEY_SECRET": rzp.KEY_SECRET,
        "RAZORPAY_WEBHOOK_SECRET": rzp.WEBHOOK_SECRET,
        "RAZORPAY_API_BASE": razorpay_api.url,
    }
    database = pair.url("app")
    app = make_app(migrate=False, kept=False, SQLALCHEMY_DATABASE_URI=database, RATELIMIT_ENABLED=False, **providers)
    migrate_schema(app)
    return app


class Webhook:
    """One provider's signed webhook telling us a held seat's checkout was paid, delivered as often as asked."""

    def __init__(self, provider: str, path: str, body: bytes, headers: dict, event_id: str, booking_id: int):
        self.provider, self.path, self.body, self.headers = provider, path, body, headers
        self.event_id, self.booking_id = event_id, booking_id

    def deliver(self, client):
        return client.post(self.path, data=self.body, headers=self.headers | {"Content-Type": "application/json"})


def hold_a_seat(app, client, session_id: int, provider: str) -> dict:
    """The person books a paid session; the install takes its money through provider (the checkout is made there)."""
    app.config["PAYMENT_PROVIDER"] = provider
    answer = client.post("/book", json={"session_id": session_id})
    assert answer.status_code == 201, answer.get_json()
    booking = answer.get_json()
    assert (booking["status"], booking["payment"]["provider"]) == ("pending_payment", provider)
    return booking


def stripe_paid(booking: dict) -> Webhook:
    event_id = "evt_" + secrets.token_hex(8)
    paid = stripe_fake.paid_session(booking["payment"]["checkout_url"], PRICE)
    body = stripe_fake.event_body("checkout.session.completed", paid, event_id=event_id)
    headers = {"Stripe-Signature": stripe_fake.stripe_signature(body)}
    return Webhook("stripe", "/payments/webhook/stripe", body, headers, event_id, booking["id"])


def razorpay_paid(razorpay_api, booking: dict) -> Webhook:
    paid = razorpay_api.pay(booking["payment"]["checkout_url"].rsplit("/", 1)[1], amount=PRICE)
    body = rzp.webhook_body("payment.captured", {"payment": paid})
    headers = rzp.webhook_headers(body)  # Razorpay sends a webhook again with the same event id
    return Webhook(
        "razorpay", "/payments/webhook/razorpay", body, headers, headers["X-Razorpay-Event-Id"], booking["id"]
    )


def footprint(app, webhook: Webhook) -> dict:
    """What the webhook's payment left in the database: the booking's state, its payments, the event recorded,
    the invoices, and the CRM's news of the booking."""
    with app.app_context():
        payments = db.session.scalars(sa.select(Payment).where(Payment.booking_id == webhook.booking_id)).all()
        ids = [payment.id for payment in payments]
        count = sa.select(sa.func.count())
        news = sa.select(OutboxMessage.payload).where(
            OutboxMessage.channel == CHANNEL_CRM, OutboxMessage.type == "booking_created"
        )
        return {
            "booking": db.session.get(Booking, webhook.booking_id).status,
            "payments": sorted((payment.status, payment.amount) for payment in payments),
            "events": db.session.scalar(count.where(PaymentWebhook.event_id == webhook.event_id)),
            "invoices": db.session.scalar(count.select_from(Invoice).where(Invoice.payment_id.in_(ids))),
            "crm_booked": sum(payload["booking_id"] == webhook.booking_id for payload in db.session.scalars(news)),
        }


HELD = {"booking": "pending_payment", "payments": [("pending", PRICE)], "events": 0, "invoices": 0, "crm_booked": 0}
PAID = {"booking": "active", "payments": [("succeeded", PRICE)], "events": 1, "invoices": 1, "crm_booked": 1}


def assert_unavailable(answer) -> None:
    assert answer.status_code == 503, answer.get_data(as_text=True)
    assert answer.headers["Retry-After"] == "5"
    assert answer.get_json()["error"]["code"] == "service_unavailable"


def results(answers) -> list[str]:
    """Each answer's result ("applied", "duplicate"), or "unavailable" for a 503 with Retry-After."""
    told = []
    for answer in answers:
        if answer.status_code == 503:
            assert_unavailable(answer)
            told.append("unavailable")
        else:
            assert answer.status_code == 200, answer.get_data(as_text=True)
            told.append(answer.get_json()["result"])
    return told


def deliver_while_promoting(app, pair, webhooks: list[Webhook]) -> dict[str, list]:
    """Each webhook delivered again and again, from the moment the promotion starts until it has ended: the answers,
    by provider."""
    answers, promoted = {webhook.provider: [] for webhook in webhooks}, threading.Event()

    def provider_sends(webhook: Webhook):
        client = app.test_client()
        sent = answers[webhook.provider]
        while not sent or (not promoted.is_set() and len(sent) < AT_PROMOTION):
            sent.append(webhook.deliver(client))

    senders = [threading.Thread(target=provider_sends, args=(webhook,)) for webhook in webhooks]
    for sender in senders:
        sender.start()
    pair.promote_standby()
    promoted.set()
    for sender in senders:
        sender.join()
    return answers


def test_payment_webhooks_in_the_outage_are_answered_503_and_applied_once_after_the_promotion(
    app, pair, client, make_user, client_for, make_session, stripe_api, razorpay_api, db_rows
):
    sessions = [make_session(capacity=2, starts_in=timedelta(days=3), price=PRICE, currency="INR") for _ in "ab"]
    people = [client_for(make_user()) for _ in "ab"]
    stripe = stripe_paid(hold_a_seat(app, people[0], sessions[0].id, "stripe"))
    razorpay = razorpay_paid(razorpay_api, hold_a_seat(app, people[1], sessions[1].id, "razorpay"))
    webhooks = [stripe, razorpay]
    assert [footprint(app, webhook) for webhook in webhooks] == [HELD, HELD]
    asked_of_providers = len(stripe_api.requests) + len(razorpay_api.requests)

    pair.crash_primary()
    for webhook in webhooks:  # on the pool's connection that died, then on a new one no node takes writes on
        assert results([webhook.deliver(client), webhook.deliver(client)]) == ["unavailable", "unavailable"]
    at_promotion = {name: results(answers) for name, answers in deliver_while_promoting(app, pair, webhooks).items()}

    # Each was answered 503 until the promoted node took it, then applied by one delivery, a later one a duplicate.
    for told in at_promotion.values():
        assert set(told) <= {"unavailable", "applied", "duplicate"} and told.count("applied") <= 1, told
        applied_at = told.index("applied") if "applied" in told else len(told)
        assert set(told[:applied_at]) <= {"unavailable"} and set(told[applied_at + 1 :]) <= {"duplicate"}, told
    # What the 503s left in the database: nothing (a payment not applied at the promotion is held as it was).
    for webhook in webhooks:
        assert footprint(app, webhook) == (PAID if "applied" in at_promotion[webhook.provider] else HELD)

    # The provider sends each again: applied now unless a delivery at the promotion was, and only once either way.
    again = {webhook.provider: results([webhook.deliver(client)]) for webhook in webhooks}
    for webhook in webhooks:
        applied = at_promotion[webhook.provider].count("applied") + again[webhook.provider].count("applied")
        assert applied == 1, (at_promotion, again)
        assert footprint(app, webhook) == PAID

    # A third time changes nothing.
    paid = db_rows()
    assert [results([webhook.deliver(client)]) for webhook in webhooks] == [["duplicate"], ["duplicate"]]
    assert db_rows() == paid
    # Nothing of a webhook happens outside its transaction: the providers were asked nothing, then or after.
    assert len(stripe_api.requests) + len(razorpay_api.requests) == asked_of_providers
