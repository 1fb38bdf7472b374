"""A studio's own payment provider account: its owner connects it (keys checked with the provider, sealed with
Fernet, never shown again, audited by their hint), its checkouts, refunds and webhooks go through its account, and
two studios' accounts never answer for each other. The real app and `stripe` library against the fake Stripe."""

import json
import secrets
from datetime import timedelta

import pytest
import sqlalchemy as sa
from cryptography.fernet import Fernet
from main_fake_stripe import SECRET_KEY, event_body, paid_session, stripe_signature
from razorpay_shapes import KEY_ID, KEY_SECRET, payment_entity, webhook_body, webhook_headers

from main_app.cli import rotate_payment_keys_command
from main_app.config import load_config
from main_app.extensions import db
from main_app.models import AuditEntry, Payment, Studio
from main_app.services.payments import accounts

OTHER_KEY = "sk_test_51OtherStudiosKeyOnlyForTheseTests98765"
SECRETS = {"Lotus Yoga": "whsec_LotusOwnSigningSecretForTheseTests", "Shanti Hall": "whsec_ShantiOwnSigningSecret"}
KEYS_KEY = Fernet.generate_key().decode()
RAZORPAY_SECRET = "ShantiOwnRazorpayWebhookSecret"


@pytest.fixture
def app(make_app, stripe_api, razorpay_api):
    stripe_api.secret_keys.add(OTHER_KEY)
    return make_app(
        RAZORPAY_API_BASE=razorpay_api.url,
        STRIPE_API_BASE=stripe_api.url,
        STRIPE_MAX_NETWORK_RETRIES=0,
        PAYMENT_KEYS_KEY=KEYS_KEY,
        RATELIMIT_PAYMENT_KEYS="5/hour",
    )


def connect(team, key: str = SECRET_KEY, role: str = "owner", **keys):
    """PUT the team's studio on its own Stripe account."""
    body = {"provider": "stripe", "keys": {"secret_key": key, "webhook_secret": SECRETS[team.name], **keys}}
    return team.clients[role].put(f"/api/studios/{team.slug}/payments", json=body)


def booked(person, team, make_session) -> dict:
    """A paid class of the team's, booked by person: the booking with its open checkout."""
    session = make_session(capacity=3, starts_in=timedelta(days=3), price=90_000, currency="INR", studio_id=team.id)
    answer = person.post("/book", json={"session_id": session.id})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def paid_event(checkout_url: str, amount: int = 90_000) -> bytes:
    session = paid_session(checkout_url, amount)
    return event_body("checkout.session.completed", session, event_id="evt_" + secrets.token_hex(8))


def tell(client, path: str, body: bytes, secret: str):
    headers = {"Stripe-Signature": stripe_signature(body, secret=secret), "Content-Type": "application/json"}
    return client.post(path, data=body, headers=headers)


@pytest.fixture
def teams(make_team):
    lotus, shanti = make_team("Lotus Yoga"), make_team("Shanti Hall")
    for team in (lotus, shanti):
        team.name = team.accounts["owner"].name.removesuffix(" owner")
    return lotus, shanti


def test_the_owner_connects_stripe_and_the_keys_are_sealed_never_shown_and_audited_by_hint(app, teams, stripe_api):
    lotus, _ = teams
    answer = connect(lotus)
    assert answer.status_code == 200, answer.get_json()
    shown = answer.get_json()
    assert (shown["provider"], shown["keys_hint"]) == ("stripe", "sk_test_…6789")
    assert shown["webhook_url"].endswith(f"/payments/webhook/stripe/{lotus.slug}")
    assert SECRET_KEY not in json.dumps(shown) and SECRETS["Lotus Yoga"] not in json.dumps(shown)
    assert stripe_api.requests[-1].path == "/v1/balance"  # the keys were tried before they were kept
    with app.app_context():
        stored = db.session.get(Studio, lotus.id).payment_keys
        entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "studio.payments_changed")).one()
        assert SECRET_KEY not in stored and SECRETS["Lotus Yoga"] not in stored
        assert accounts.unseal(app.config, stored)["secret_key"] == SECRET_KEY
        assert (entry.before, entry.after) == (
            {"provider": "install", "keys_hint": None},
            {"provider": "stripe", "keys_hint": "sk_test_…6789"},
        )
    assert lotus.clients["owner"].get(f"/api/studios/{lotus.slug}/payments").get_json() == shown


def test_keys_the_provider_refuses_or_of_the_wrong_kind_are_not_kept(app, teams, stripe_api, assert_error):
    lotus, _ = teams
    refused = connect(lotus, key="sk_test_NotAKeyStripeKnows0000000000")
    assert_error(refused, 400, "payment_keys_refused")
    assert refused.get_json()["error"]["message"].startswith("Stripe did not accept these keys")  # its own name
    stripe_api.fail(503)
    assert_error(connect(lotus), 503, "payment_provider_unavailable")  # down: not the keys' fault
    wrong = connect(lotus, key="pk_test_publishable")
    assert_error(wrong, 400, "validation_error")
    assert wrong.get_json()["error"]["details"]["keys"]["secret_key"] == ["should start with sk_ or rk_"]
    missing = lotus.clients["owner"].put(f"/api/studios/{lotus.slug}/payments", json={"provider": "stripe"})
    assert set(missing.get_json()["error"]["details"]["keys"]) == {"secret_key", "webhook_secret"}
    assert_error(
        lotus.clients["owner"].put(f"/api/studios/{lotus.slug}/payments", json={"provider": "paypal"}),
        400,
        "validation_error",
    )
    assert_error(connect(lotus, role="manager"), 403, "forbidden")  # studio.payments: owners only
    with app.app_context():
        assert db.session.get(Studio, lotus.id).payment_keys is None


def test_a_studio_changes_its_keys_a_few_times_an_hour_at_most(app, teams, assert_error):
    lotus, shanti = teams
    for _ in range(5):
        assert connect(lotus).status_code == 200
    assert_error(connect(lotus), 429, "too_many_requests")
    assert connect(shanti, key=OTHER_KEY).status_code == 200  # another studio counts apart


def test_each_studios_checkout_refund_and_webhooks_go_through_its_own_account(
    app, client, teams, make_session, user_client, payments_lane, stripe_api, assert_error
):
    lotus, shanti = teams
    assert connect(lotus).status_code == 200
    assert connect(shanti, key=OTHER_KEY).status_code == 200
    at_lotus = booked(user_client, lotus, make_session)
    at_shanti = booked(user_client, shanti, make_session)
    sent = [r for r in stripe_api.requests if r.path == "/v1/checkout/sessions"]
    assert [r.headers["Authorization"] for r in sent] == [f"Bearer {SECRET_KEY}", f"Bearer {OTHER_KEY}"]

    lotus_hook, body = f"/payments/webhook/stripe/{lotus.slug}", paid_event(at_lotus["payment"]["checkout_url"])
    assert_error(tell(client, lotus_hook, body, SECRETS["Shanti Hall"]), 400, "invalid_webhook")
    assert_error(tell(client, "/payments/webhook/stripe", body, SECRETS["Lotus Yoga"]), 404, "unknown_provider")
    # Shanti's own secret, naming Lotus's checkout at Shanti's door: not a payment of Shanti's account.
    assert tell(client, f"/payments/webhook/stripe/{shanti.slug}", body, SECRETS["Shanti Hall"]).json == {
        "received": True,
        "result": "ignored",
    }
    assert tell(client, lotus_hook, body, SECRETS["Lotus Yoga"]).get_json()["result"] == "applied"
    assert user_client.get(f"/bookings/{at_lotus['id']}").get_json()["status"] == "active"
    assert user_client.get(f"/bookings/{at_shanti['id']}").get_json()["status"] == "pending_payment"

    assert user_client.post(f"/bookings/{at_lotus['id']}/cancel").status_code == 200
    payments_lane()
    [refund] = [r for r in stripe_api.requests if r.path == "/v1/refunds"]
    assert refund.headers["Authorization"] == f"Bearer {SECRET_KEY}"
    with app.app_context():
        taken = dict(db.session.execute(sa.select(Payment.booking_id, Payment.account_id)).all())
    assert taken == {at_lotus["id"]: lotus.id, at_shanti["id"]: shanti.id}


def test_two_studios_on_different_providers_each_refuse_the_others_webhooks(
    app, client, teams, make_session, user_client, razorpay_api, assert_error
):
    lotus, shanti = teams
    assert connect(lotus).status_code == 200
    rzp_keys = {"key_id": KEY_ID, "key_secret": KEY_SECRET, "webhook_secret": RAZORPAY_SECRET}
    on_razorpay = shanti.clients["owner"].put(
        f"/api/studios/{shanti.slug}/payments", json={"provider": "razorpay", "keys": rzp_keys}
    )
    assert on_razorpay.get_json()["webhook_url"].endswith(f"/payments/webhook/razorpay/{shanti.slug}")
    at_shanti = booked(user_client, shanti, make_session)
    order_id = at_shanti["payment"]["checkout_url"].rsplit("/", 1)[1]
    assert order_id.startswith("order_") and razorpay_api.calls("POST", "/v1/orders")

    captured = webhook_body("payment.captured", {"payment": payment_entity(order_id, 90_000, "INR")})
    shanti_door, lotus_door = f"/payments/webhook/razorpay/{shanti.slug}", f"/payments/webhook/stripe/{lotus.slug}"
    signed_by_lotus = webhook_headers(captured, secret=SECRETS["Lotus Yoga"])
    assert_error(client.post(shanti_door, data=captured, headers=signed_by_lotus), 400, "invalid_webhook")
    stripe_event = paid_event(booked(user_client, lotus, make_session)["payment"]["checkout_url"])
    assert_error(tell(client, lotus_door, stripe_event, RAZORPAY_SECRET), 400, "invalid_webhook")
    assert user_client.get(f"/bookings/{at_shanti['id']}").get_json()["status"] == "pending_payment"
    answer = client.post(shanti_door, data=captured, headers=webhook_headers(captured, secret=RAZORPAY_SECRET))
    assert answer.get_json()["result"] == "applied"
    assert user_client.get(f"/bookings/{at_shanti['id']}").get_json()["status"] == "active"


def test_a_studio_back_on_the_install_account_pays_on_its_provider_and_its_old_door_closes(
    app, client, teams, make_session, user_client, assert_error
):
    lotus, _ = teams
    assert connect(lotus).status_code == 200
    back = lotus.clients["owner"].put(f"/api/studios/{lotus.slug}/payments", json={"provider": "install"})
    assert (back.get_json()["provider"], back.get_json()["webhook_url"]) == ("install", None)
    made = booked(user_client, lotus, make_session)
    assert "/payments/test/checkout/" in made["payment"]["checkout_url"]
    body = paid_event("https://checkout.stripe.com/c/pay/cs_test_x")
    door = f"/payments/webhook/stripe/{lotus.slug}"
    assert_error(tell(client, door, body, SECRETS["Lotus Yoga"]), 404, "unknown_provider")


def test_rotation_seals_every_studios_keys_with_the_new_key_first(app, make_app, teams, stripe_api):
    lotus, _ = teams
    assert connect(lotus).status_code == 200
    new_key = Fernet.generate_key().decode()
    rotated_app = make_app(STRIPE_API_BASE=stripe_api.url, PAYMENT_KEYS_KEY=f"{new_key},{KEYS_KEY}")
    result = rotated_app.test_cli_runner().invoke(rotate_payment_keys_command)
    assert "Sealed again: 1 studios' payment keys." in result.output, result.output
    with rotated_app.app_context():
        sealed = db.session.get(Studio, lotus.id).payment_keys
    assert Fernet(new_key).decrypt(sealed.encode())  # the old key is no longer needed
    assert accounts.unseal({"PAYMENT_KEYS_KEY": new_key}, sealed)["secret_key"] == SECRET_KEY


def test_a_payment_keys_key_that_is_not_fernet_stops_start_up():
    with pytest.raises(RuntimeError, match="PAYMENT_KEYS_KEY must be Fernet keys"):
        load_config({"PAYMENT_KEYS_KEY": f"{KEYS_KEY},not-a-fernet-key"})
    assert load_config({"PAYMENT_KEYS_KEY": f" {KEYS_KEY} "})["PAYMENT_KEYS_KEY"] == KEYS_KEY


def test_the_install_s_test_provider_is_offered_once(app, teams):
    """With the install on the test provider, "the platform's payments" is that provider: no second entry for it."""
    lotus, _ = teams
    shown = lotus.clients["owner"].get(f"/api/studios/{lotus.slug}/payments").get_json()
    assert (shown["install_provider"], shown["provider"]) == ("test", "install")
    assert shown["choices"] == ["install", "stripe", "razorpay"]
