"""Who may call the CRM: the service token (and optional webhook signature), facilitators' JWTs, anonymous readers."""

import dataclasses
import functools
import logging
import re
import time
from typing import NoReturn

from flask import Flask, current_app, request
from flask_jwt_extended import get_jwt, verify_jwt_in_request

from service_kit import signatures
from service_kit.errors import Forbidden, ValidationFailed
from service_kit.security import MISSING_TOKEN, auth_failed, bearer_token, init_jwt, is_service_token

from .extensions import jwt

log = logging.getLogger(__name__)

FACILITATOR_ROLE = "facilitator"
# header.payload.signature in base64url: anything else cannot be a JWT.
JWT_SHAPE = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")


@dataclasses.dataclass(frozen=True)
class Reader:
    """The caller of a read or facilitator route: "service", "anonymous" or "facilitator" (with facilitator_id)."""

    kind: str
    facilitator_id: int | None = None

    @property
    def sees_emails(self) -> bool:
        """Anonymous readers get masked email addresses."""
        return self.kind != "anonymous"


def init_app(app: Flask) -> None:
    """Bind flask-jwt-extended, which verifies the main API's tokens: every failure a 401 in our shape."""
    init_jwt(app, jwt)


def service_token_required(view):
    """Reject the request with 401 unless it carries `Authorization: Bearer <CRM_AUTH_TOKEN>`."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        token = bearer_token()
        if token is None:
            _fail("missing")
        if not is_service_token(token):
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
    except signatures.SignatureRejected as exc:
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
        raise ValidationFailed(
            "The request is not valid.", details={"webhook-id": ["Must equal Idempotency-Key when both are sent."]}
        )


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
    token = bearer_token()
    if token is None:
        if allow_anonymous and current_app.config["CRM_ANONYMOUS_READ"]:
            return Reader("anonymous")
        _fail("missing")
    if is_service_token(token):
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
    return Reader(FACILITATOR_ROLE, int(claims["sub"]))  # a valid id: init_jwt's claims check


def _forbid(who: str, message: str) -> NoReturn:
    """Log the refusal (who, never the token) and answer 403."""
    log.warning("forbidden (%s) on %s %s from %s", who, request.method, request.path, request.remote_addr)
    raise Forbidden(message)


def _fail(reason: str) -> NoReturn:
    """Answer 401 for a missing or invalid token (logged, never the token)."""
    messages = {"missing": MISSING_TOKEN, "invalid": "The bearer token is not valid."}
    raise auth_failed(messages[reason], reason=f"{reason} token")
