"""Standard Webhooks signatures (https://www.standardwebhooks.com/): HMAC-SHA256 over id, timestamp and body.
The main API signs what it sends to the CRM; the CRM verifies it. `python -m service_kit.signatures` prints a new
secret."""

import base64
import binascii
import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping

from .errors import BEARER_CHALLENGE, Unauthorized

SECRET_PREFIX = "whsec_"
MIN_KEY_BYTES = 24
GENERATE_HINT = "generate one with: .venv/bin/python -m service_kit.signatures"
SIGNATURE_VERSION = "v1"
HEADERS = ("webhook-id", "webhook-timestamp", "webhook-signature")
# ASCII digits only: int() would also take "+5", " 5", "5_000" and other scripts' digits.
TIMESTAMP_RE = re.compile(r"[0-9]{1,12}")


class SignatureRejected(Unauthorized):
    """A webhook signature is missing, stale or wrong."""

    def __init__(self, code: str, message: str, details: dict):
        super().__init__(message, code=code, details=details, headers=BEARER_CHALLENGE)


def signing_key(secret: str) -> bytes:
    """The HMAC key of a `whsec_<base64>` secret; ValueError for any other (never quoting it).

    The Standard Webhooks libraries base64-decode what follows whsec_, so only a secret of that form lets them
    verify our signatures; the spec asks for 24 to 64 random bytes."""
    if not secret.startswith(SECRET_PREFIX):
        raise ValueError(f"it must be whsec_ followed by base64 (the Standard Webhooks form); {GENERATE_HINT}")
    try:
        key = base64.b64decode(secret[len(SECRET_PREFIX) :], validate=True)
    except binascii.Error:
        raise ValueError(f"the part after whsec_ is not valid base64; {GENERATE_HINT}") from None
    if len(key) < MIN_KEY_BYTES:
        # A short key is one somebody can guess, and an empty one anybody can sign with.
        raise ValueError(f"the key after whsec_ is {len(key)} bytes, fewer than {MIN_KEY_BYTES}; {GENERATE_HINT}")
    return key


def generate_secret() -> str:
    """A new `whsec_` secret of 32 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def checked_signing_key(secret: str) -> bytes:
    """CRM_SIGNING_SECRET's key, b"" when unset; a RuntimeError for start-up that never quotes the secret."""
    if not secret:
        return b""
    try:
        return signing_key(secret)
    except ValueError as exc:
        raise RuntimeError(f"Invalid CRM_SIGNING_SECRET: {exc}.") from None


def sign(key: bytes, msg_id: str, timestamp: int | str, body: bytes) -> str:
    """The `v1,<base64>` signature of one message."""
    content = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, content, hashlib.sha256).digest()
    return f"{SIGNATURE_VERSION},{base64.b64encode(digest).decode('ascii')}"


def verify(key: bytes, headers: Mapping[str, str], body: bytes, now: float, tolerance: int) -> str:
    """The verified webhook-id; SignatureRejected if a header is missing, the time is off or nothing matches."""
    values = {name: (headers.get(name) or "").strip() for name in HEADERS}
    missing = [name for name in HEADERS if not values[name]]
    if missing:
        raise SignatureRejected(
            "signature_required",
            "This CRM requires Standard Webhooks signatures: send webhook-id, webhook-timestamp and webhook-signature.",
            {name: ["Missing header."] for name in missing},
        )
    msg_id, timestamp = values["webhook-id"], values["webhook-timestamp"]
    # The window bounds replays of a captured request; the future side bounds pre-signed ones.
    if not TIMESTAMP_RE.fullmatch(timestamp) or abs(now - int(timestamp)) > tolerance:
        raise SignatureRejected(
            "stale_timestamp",
            f"webhook-timestamp must be integer unix seconds within {tolerance} seconds of the server's clock.",
            {"webhook-timestamp": [f"Must be unix seconds within ±{tolerance} s of now."]},
        )
    expected = sign(key, msg_id, timestamp, body).encode("ascii")
    # Several entries during a key rotation; entries of other versions are not ours to judge.
    candidates = [entry for entry in values["webhook-signature"].split() if entry.startswith(SIGNATURE_VERSION + ",")]
    if not any(hmac.compare_digest(expected, candidate.encode("utf-8", "replace")) for candidate in candidates):
        raise SignatureRejected(
            "invalid_signature",
            "No v1 signature in webhook-signature matches this request.",
            {"webhook-signature": ["No matching v1 signature."]},
        )
    return msg_id


if __name__ == "__main__":  # python -m service_kit.signatures: a new secret for CRM_SIGNING_SECRET on both services
    print(generate_secret())
