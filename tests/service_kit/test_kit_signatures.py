"""The Standard Webhooks primitives the main API signs with and the CRM verifies with."""

import base64
import json
import subprocess
import sys
import time
from datetime import UTC, datetime

import pytest
import standardwebhooks
from standardwebhooks.webhooks import WebhookVerificationError

from service_kit import signatures
from service_kit.signatures import checked_signing_key, generate_secret, sign, signing_key


def test_standard_webhooks_test_vector():
    # The vector published with the spec and used by its reference libraries.
    key = signing_key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    headers = {
        "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
        "webhook-timestamp": "1614265330",
        "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    }
    raw = b'{"test": 2432232314}'

    assert sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, raw) == headers["webhook-signature"]
    assert signatures.verify(key, headers, raw, now=1614265330 + 10, tolerance=300) == "msg_p5jXN8AQM9LWM0D4loKWxJek"


@pytest.mark.parametrize(
    "secret, reason",
    [
        ("plain-shared-signing-secret", "must be whsec_"),
        ("whsec_not base64!", "not valid base64"),
        ("whsec_abc", "not valid base64"),
        ("whsec_", "0 bytes"),
        ("whsec_" + base64.b64encode(b"k" * 23).decode(), "23 bytes"),
    ],
    ids=["plain text", "not base64", "unpadded", "empty", "23 bytes"],
)
def test_only_whsec_secrets_of_24_bytes_or_more_are_accepted(secret, reason):
    with pytest.raises(ValueError, match=reason):
        signing_key(secret)
    with pytest.raises(RuntimeError, match="CRM_SIGNING_SECRET") as caught:
        checked_signing_key(secret)
    assert "python -m service_kit.signatures" in str(caught.value)  # says how to make a good one
    key_text = secret.removeprefix("whsec_")
    assert not key_text or key_text not in str(caught.value)  # the message never quotes the secret


def test_no_secret_is_no_key():
    assert checked_signing_key("") == b""


def test_the_generator_command_prints_a_new_32_byte_secret_each_time():
    def run() -> str:
        result = subprocess.run([sys.executable, "-m", "service_kit.signatures"], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    first, second = run(), run()
    assert first != second
    assert len(signing_key(first)) == 32 and first.startswith("whsec_")


# -- the official Standard Webhooks library (pip package standardwebhooks) agrees with us, both ways ---------------


def test_what_we_sign_with_a_generated_secret_verifies_with_the_official_library():
    secret = generate_secret()
    body = json.dumps({"type": "booking_created", "message": "café ☕"}).encode()
    timestamp = int(time.time())
    headers = {
        "webhook-id": "msg_1",
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(signing_key(secret), "msg_1", timestamp, body),
    }
    assert standardwebhooks.Webhook(secret).verify(body, headers) == json.loads(body)
    with pytest.raises(WebhookVerificationError):  # the control: another secret does not verify
        standardwebhooks.Webhook(generate_secret()).verify(body, headers)


def test_what_the_official_library_signs_verifies_with_ours():
    secret = generate_secret()
    body = b'{"type": "booking_created"}'
    now = datetime.now(UTC)
    signature = standardwebhooks.Webhook(secret).sign("msg_2", now, body.decode())
    headers = {"webhook-id": "msg_2", "webhook-timestamp": str(int(now.timestamp())), "webhook-signature": signature}
    assert signatures.verify(signing_key(secret), headers, body, now=now.timestamp(), tolerance=300) == "msg_2"
