"""Who may call the CRM: the main API's service token (and optional webhook signature), anonymous readers in dev."""
import dataclasses
import functools
import hmac
import logging
import time
from typing import NoReturn

from flask import current_app, request

from . import signatures
from .errors import SignatureRejected, Unauthorized, ValidationError

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Reader:
    """The caller of a read route; `kind` is "service", "anonymous" (or "facilitator", issue 4)."""

    kind: str
    facilitator_id: int | None = None

    @property
    def sees_emails(self) -> bool:
        """Anonymous readers get masked email addresses."""
        return self.kind != "anonymous"


def service_token_required(view):
    """Reject the request with 401 unless it carries `Authorization: Bearer <CRM_AUTH_TOKEN>`."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        token = _bearer_token()
        if token is None:
            _fail("missing")
        if not _is_service_token(token):
            _fail("invalid")
        return view(*args, **kwargs)

    return wrapper


def signature_required(view):
    """When CRM_SIGNING_SECRET is set, 401 unless the request carries a valid Standard Webhooks signature."""
    # Goes under service_token_required: the token is checked first, so strangers learn nothing about signing.

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        key = current_app.config["CRM_SIGNING_KEY"]
        if key:
            _check_signature(key)
        return view(*args, **kwargs)

    return wrapper


def _check_signature(key: bytes) -> None:
    """Verify the signature over the exact bytes received; the signed webhook-id must be the stored id."""
    # cache=True keeps the bytes for the view, which parses them afterwards.
    body = request.get_data(cache=True)
    tolerance = current_app.config["CRM_SIGNATURE_TOLERANCE"]
    try:
        msg_id = signatures.verify(key, request.headers, body, now=time.time(), tolerance=tolerance)
    except SignatureRejected as exc:
        log.warning(
            "signature check failed (%s) on %s %s from %s, webhook-id=%.80r",
            exc.code, request.method, request.path, request.remote_addr, request.headers.get("webhook-id"),
        )
        raise
    # The id is what makes a repeat a duplicate: an unsigned Idempotency-Key must not override it.
    idempotency_key = request.headers.get("Idempotency-Key")
    if idempotency_key is not None and idempotency_key != msg_id:
        raise ValidationError({"webhook-id": ["Must equal Idempotency-Key when both are sent."]})


def reader_required(view):
    """Resolve the caller of a read route and pass it to the view as `reader`."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        return view(*args, reader=resolve_reader(), **kwargs)

    return wrapper


def resolve_reader() -> Reader:
    """Service token: everything. No header: anonymous, if CRM_ANONYMOUS_READ. Anything else: 401."""
    token = _bearer_token()
    if token is None:
        if current_app.config["CRM_ANONYMOUS_READ"]:
            return Reader("anonymous")
        _fail("missing")
    if _is_service_token(token):
        return Reader("service")
    reader = facilitator_reader_from_jwt(token)
    if reader is not None:
        return reader
    _fail("invalid")


def facilitator_reader_from_jwt(token: str) -> Reader | None:
    """Hook for issue 4: accept a facilitator JWT (JWT_SECRET_KEY) and scope reads to that facilitator.

    Not implemented yet: every token that is not the service token is refused.
    """
    return None


def _bearer_token() -> str | None:
    """The token of `Authorization: Bearer <token>`; None without the header, 401 if it is malformed."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token:
        _fail("malformed")
    return token


def _is_service_token(token: str) -> bool:
    """Constant-time comparison, so response timing does not leak the token."""
    expected = current_app.config["CRM_AUTH_TOKEN"]
    return hmac.compare_digest(token.encode("utf-8"), expected.encode("utf-8"))


def _fail(reason: str) -> NoReturn:
    """Log the failed attempt (never the token) and answer 401."""
    log.warning("auth failed (%s token) on %s %s from %s", reason, request.method, request.path, request.remote_addr)
    messages = {
        "missing": "Authorization: Bearer <token> is required.",
        "malformed": "The Authorization header must be 'Bearer <token>'.",
        "invalid": "The bearer token is not valid.",
    }
    raise Unauthorized(messages[reason])
