"""Standard Webhooks signatures (https://www.standardwebhooks.com/): HMAC-SHA256 over id, timestamp and body.
The main API signs what it sends to the CRM; the CRM verifies it."""

import base64
import binascii
import hashlib
import hmac
import re
from collections.abc import Mapping

from .errors import BEARER_CHALLENGE, Unauthorized

SECRET_PREFIX = "whsec_"
SIGNATURE_VERSION = "v1"
HEADERS = ("webhook-id", "webhook-timestamp", "webhook-signature")
# ASCII digits only: int() would also take "+5", " 5", "5_000" and other scripts' digits.
TIMESTAMP_RE = re.compile(r"[0-9]{1,12}")


class SignatureRejected(Unauthorized):
    """A webhook signature is missing, stale or wrong."""

    def __init__(self, code: str, message: str, details: dict):
        super().__init__(message, code=code, details=details, headers=BEARER_CHALLENGE)


def signing_key(secret: str) -> bytes:
    """The HMAC key of a secret: base64 after `whsec_` (ValueError if it is not), else the UTF-8 bytes."""
    if not secret.startswith(SECRET_PREFIX):
        return secret.encode("utf-8")
    try:
        key = base64.b64decode(secret[len(SECRET_PREFIX) :], validate=True)
    except binascii.Error:
        raise ValueError("the part after whsec_ is not valid base64") from None
    if not key:
        # An empty key is one anybody can sign with.
        raise ValueError("the key after whsec_ is empty")
    return key


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
