"""Standard Webhooks signatures sent by the main API: checked by the CRM's own verifier and by the real CRM."""

import json
import time
from datetime import timedelta

import pytest
from werkzeug.datastructures import Headers

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import DeliveryAttempt, utcnow
from main_app.services.crm.errors import CRMAuthError
from main_app.services.crm.messages import enqueue
from service_kit import signatures
from service_kit.signatures import SignatureRejected, generate_secret

pytestmark = pytest.mark.both_databases

WHSEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
OTHER_SECRET = generate_secret()  # as an operator would make one
CRM_TOKEN = "test-crm-token"  # what make_app and real_crm configure
PAYLOAD = {
    "notification_id": "0f" * 16,
    "type": "booking_created",
    "user_id": 12,
    "booking_id": 7,
    "message": "Asha booked Morning Flow — café ☕",
    "data": {"seats_left": 3},
}


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    """Outside an app the client reads CRM_SIGNING_SECRET from the environment (.env may set it)."""
    monkeypatch.delenv("CRM_SIGNING_SECRET", raising=False)


@pytest.fixture(params=[WHSEC_SECRET, OTHER_SECRET], ids=["spec vector", "generated"])
def secret(request):
    return request.param


def verify(secret: str, recorded) -> str:
    """The CRM's verifier on what the fake CRM received: the webhook-id, or SignatureRejected."""
    key = signatures.signing_key(secret)
    return signatures.verify(key, Headers(recorded.headers), recorded.body, now=time.time(), tolerance=300)


# -- the primitives ---------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["whsec_not base64!", "whsec_abc", "whsec_", "plain-shared-signing-secret"])
def test_a_bad_whsec_secret_is_a_value_error(make_crm, fake_crm, bad):
    with pytest.raises(ValueError, match="CRM_SIGNING_SECRET"):
        make_crm(fake_crm.url, CRM_TOKEN, signing_secret=bad)


# -- what the CRM receives --------------------------------------------------------------------------


def test_signed_request_verifies_over_the_exact_bytes(make_crm, fake_crm, secret):
    make_crm(fake_crm.url, CRM_TOKEN, signing_secret=secret).deliver(PAYLOAD, PAYLOAD["notification_id"])
    [request] = fake_crm.notifications
    assert json.loads(request.body) == PAYLOAD
    assert verify(secret, request) == PAYLOAD["notification_id"]
    assert request.headers["Webhook-Signature"].startswith("v1,")
    assert abs(int(request.headers["Webhook-Timestamp"]) - time.time()) < 10
    # The signature is over those bytes, not over the JSON they mean.
    reformatted = json.dumps(PAYLOAD, indent=1).encode()
    assert json.loads(reformatted) == json.loads(request.body)
    with pytest.raises(SignatureRejected):
        signatures.verify(
            signatures.signing_key(secret), Headers(request.headers), reformatted, now=time.time(), tolerance=300
        )


def test_every_quick_retry_is_signed(make_crm, fake_crm, secret):
    fake_crm.answer(503, 503, 200)
    make_crm(fake_crm.url, CRM_TOKEN, signing_secret=secret, quick_retries=3).deliver(PAYLOAD, "retry-1")
    assert [verify(secret, r) for r in fake_crm.notifications] == ["retry-1"] * 3


def test_another_secret_does_not_verify(make_crm, fake_crm):
    make_crm(fake_crm.url, CRM_TOKEN, signing_secret=OTHER_SECRET).deliver(PAYLOAD, "x1")
    with pytest.raises(SignatureRejected) as caught:
        verify(WHSEC_SECRET, fake_crm.notifications[0])
    assert caught.value.code == "invalid_signature"


def test_no_secret_no_signature(make_crm, fake_crm):
    make_crm(fake_crm.url, CRM_TOKEN).deliver(PAYLOAD, "unsigned-1")
    [request] = fake_crm.notifications
    headers = Headers(request.headers)
    assert "webhook-signature" not in headers
    assert headers["webhook-id"] == headers["Idempotency-Key"] == "unsigned-1"
    assert headers["webhook-timestamp"].isdigit()


def test_the_app_setting_signs(make_app, fake_crm, make_crm):
    app = make_app(migrate=False, CRM_BASE_URL=fake_crm.url, CRM_SIGNING_SECRET=WHSEC_SECRET)
    with app.app_context():
        client = make_crm()
    client.deliver(PAYLOAD, "from-config")
    assert verify(WHSEC_SECRET, fake_crm.notifications[0]) == "from-config"


# -- against the real CRM ---------------------------------------------------------------------------


def test_the_real_crm_accepts_our_signature(real_crm, make_crm, secret):
    crm = real_crm(signing_secret=secret)
    attempts = []
    answer = make_crm(crm.url, CRM_TOKEN, signing_secret=secret).deliver(
        PAYLOAD, PAYLOAD["notification_id"], on_attempt=attempts.append
    )
    assert [a.status_code for a in attempts] == [201]
    assert (answer["status"], answer["notification"]["notification_id"]) == ("stored", PAYLOAD["notification_id"])
    [stored] = crm.stored()
    assert (stored["notification_id"], stored["type"], stored["user_id"], stored["booking_id"]) == (
        PAYLOAD["notification_id"],
        "booking_created",
        12,
        7,
    )
    assert stored["message"] == PAYLOAD["message"]


def test_the_real_crm_rejects_another_secret(real_crm, make_crm):
    crm = real_crm(signing_secret=WHSEC_SECRET)
    attempts = []
    with pytest.raises(CRMAuthError) as caught:
        make_crm(crm.url, CRM_TOKEN, signing_secret=OTHER_SECRET, quick_retries=3).deliver(
            PAYLOAD, "wrong-key", on_attempt=attempts.append
        )
    assert caught.value.status_code == 401
    assert json.loads(caught.value.body)["error"]["code"] == "invalid_signature"
    assert [a.status_code for a in attempts] == [401]  # not retried
    assert crm.stored() == []


def test_the_real_crm_rejects_an_unsigned_request_when_it_requires_signatures(real_crm, make_crm):
    crm = real_crm(signing_secret=WHSEC_SECRET)
    with pytest.raises(CRMAuthError) as caught:
        make_crm(crm.url, CRM_TOKEN).deliver(PAYLOAD, "unsigned")
    assert json.loads(caught.value.body)["error"]["code"] == "signature_required"


def test_a_wrong_secret_makes_the_dispatcher_bury_the_message_as_configuration(real_crm, make_app, outbox):
    crm = real_crm(signing_secret=WHSEC_SECRET)
    app = make_app(CRM_BASE_URL=crm.url, CRM_SIGNING_SECRET=OTHER_SECRET)
    with app.app_context():
        with unit_of_work():
            message_id = enqueue("booking_created", {"user_id": 5, "booking_id": 3, "message": "hello"}).id
        dispatcher = build_dispatcher(app.config)
        assert dispatcher.run_once() == 1
        [attempt] = db.session.scalars(db.select(DeliveryAttempt)).all()
        assert (attempt.message_id, attempt.status_code) == (message_id, 401)
        assert "invalid_signature" in attempt.response_excerpt
    dispatcher.close()
    [row] = outbox()
    assert (row["status"], row["attempts"], row["failure_kind"]) == ("dead", 1, "configuration")
    assert "CRM_SIGNING_SECRET" in row["last_error"]
    assert crm.stored() == []


def test_the_same_secret_lets_the_dispatcher_deliver_to_the_real_crm(real_crm, make_app, outbox):
    crm = real_crm(signing_secret=WHSEC_SECRET)
    app = make_app(CRM_BASE_URL=crm.url, CRM_SIGNING_SECRET=WHSEC_SECRET)
    with app.app_context():
        with unit_of_work():
            message_id = enqueue("booking_created", {"user_id": 5, "booking_id": 3, "message": "hello"}).id
        dispatcher = build_dispatcher(app.config)
        dispatcher.run_once()
    dispatcher.close()
    [row] = outbox()
    assert (row["status"], row["failure_kind"]) == ("delivered", None)
    assert abs(row["delivered_at"] - utcnow()) < timedelta(seconds=30)
    assert [n["notification_id"] for n in crm.stored()] == [message_id]
