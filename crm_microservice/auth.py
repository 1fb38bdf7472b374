"""Who may call the CRM: the service token (and optional webhook signature), facilitators' JWTs, anonymous readers."""

import dataclasses
import functools
import hmac
import logging
import re
import time
from typing import NoReturn

from flask import current_app, request
from flask_jwt_extended import get_jwt, verify_jwt_in_request

from . import signatures
from .errors import Forbidden, SignatureRejected, Unauthorized, ValidationError

log = logging.getLogger(__name__)

FACILITATOR_ROLE = "facilitator"
# header.payload.signature in base64url: anything else cannot be a JWT.
JWT_SHAPE = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")
USER_ID = re.compile(r"[1-9][0-9]{0,9}")


@dataclasses.dataclass(frozen=True)
class Reader:
    """The caller of a read or facilitator route: "service", "anonymous" or "facilitator" (with facilitator_id)."""

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
            exc.code,
            request.method,
            request.path,
            request.remote_addr,
            request.headers.get("webhook-id"),
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


def facilitator_required(view):
    """Only a facilitator's JWT, passed to the view as `reader`: 401 without credentials, 403 for any other."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        reader = resolve_reader(allow_anonymous=False)
        if reader.kind != FACILITATOR_ROLE:
            # Only the service token gets here: it is trusted, but it is nobody's inbox.
            _forbid(f"{reader.kind} credentials", "This route needs a facilitator's token.")
        return view(*args, reader=reader, **kwargs)

    return wrapper


def own_facilitator_required(view):
    """facilitator_required, and the route's <facilitator_id> must be the token's own: 403 otherwise."""

    @functools.wraps(view)
    @facilitator_required
    def wrapper(*args, facilitator_id: int, reader: Reader, **kwargs):
        if reader.facilitator_id != facilitator_id:
            _forbid(
                f"facilitator {reader.facilitator_id} on another's route",
                "You can only see and manage your own events.",
            )
        return view(*args, facilitator_id=facilitator_id, **kwargs)

    return wrapper


def resolve_reader(allow_anonymous: bool = True) -> Reader:
    """The caller: service token, a facilitator's JWT, or nobody (if allowed and CRM_ANONYMOUS_READ); else 401/403."""
    token = _bearer_token()
    if token is None:
        if allow_anonymous and current_app.config["CRM_ANONYMOUS_READ"]:
            return Reader("anonymous")
        _fail("missing")
    if _is_service_token(token):
        return Reader("service")
    reader = facilitator_reader_from_jwt(token)
    if reader is not None:
        return reader
    _fail("invalid")


def facilitator_reader_from_jwt(token: str) -> Reader | None:
    """A facilitator's JWT from the main API (JWT_SECRET_KEY) as a Reader scoped to them.

    None when the token is not JWT-shaped at all (a wrong service token, most likely: the caller answers 401
    unauthorized). A forged, malformed or expired JWT is a 401 from flask-jwt-extended's callbacks (tokens.py);
    a valid one of another role is a 403. The CRM has no users table: the signed claims are trusted.
    """
    if not JWT_SHAPE.fullmatch(token):
        return None
    verify_jwt_in_request()  # reads the same Authorization header, already checked to be "Bearer <token>"
    claims = get_jwt()
    if claims.get("role") != FACILITATOR_ROLE:
        _forbid(f"role {str(claims.get('role'))[:20]!r}", "This route is for facilitators only.")
    subject = claims.get("sub")
    if not isinstance(subject, str) or not USER_ID.fullmatch(subject):
        log.warning("auth failed (token without a user id) on %s %s", request.method, request.path)
        raise Unauthorized("The token does not name an account.", code="invalid_token")
    return Reader(FACILITATOR_ROLE, int(subject))


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


def _forbid(who: str, message: str) -> NoReturn:
    """Log the refusal (who, never the token) and answer 403."""
    log.warning("forbidden (%s) on %s %s from %s", who, request.method, request.path, request.remote_addr)
    raise Forbidden(message)


def _fail(reason: str) -> NoReturn:
    """Log the failed attempt (never the token) and answer 401."""
    log.warning("auth failed (%s token) on %s %s from %s", reason, request.method, request.path, request.remote_addr)
    messages = {
        "missing": "Authorization: Bearer <token> is required.",
        "malformed": "The Authorization header must be 'Bearer <token>'.",
        "invalid": "The bearer token is not valid.",
    }
    raise Unauthorized(messages[reason])
