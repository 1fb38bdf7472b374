"""The Standard Webhooks primitives the main API signs with and the CRM verifies with."""

import pytest

from service_kit import signatures
from service_kit.signatures import checked_signing_key, sign, signing_key


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


def test_plain_secret_is_its_utf8_bytes():
    assert signing_key("naïve-secret") == "naïve-secret".encode()


@pytest.mark.parametrize("secret", ["whsec_not base64!", "whsec_abc", "whsec_"])
def test_bad_whsec_secret_is_refused(secret):
    with pytest.raises(ValueError):
        signing_key(secret)
    with pytest.raises(RuntimeError, match="CRM_SIGNING_SECRET") as caught:
        checked_signing_key(secret)
    key_text = secret.removeprefix("whsec_")
    assert not key_text or key_text not in str(caught.value)  # the message never quotes the secret


def test_no_secret_is_no_key():
    assert checked_signing_key("") == b""
