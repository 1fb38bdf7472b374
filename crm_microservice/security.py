"""Who may call the CRM: the service token (and optional webhook signature), the main API's JWTs (a facilitator's own
inbox, a studio's for its staff with inbox.read; what a token reaches is the main API's answer now, access.py),
anonymous readers."""

import dataclasses
import functools
import logging
import re
import time
from typing import NoReturn

from flask import Flask, current_app, request
from flask_jwt_extended import get_jwt, verify_jwt_in_request

from service_kit import signatures
from service_kit.errors import Forbidden, NotFound, ValidationFailed
from service_kit.security import (
    CLIENT_BOOK_CLAIM,
    INBOX_STUDIOS_CLAIM,
    MISSING_TOKEN,
    auth_failed,
    bearer_token,
    init_jwt,
    is_service_token,
)

from .access import current_access
from .extensions import jwt
from .storage import Inbox

log = logging.getLogger(__name__)

FACILITATOR_ROLE = "facilitator"
MEMBER = "member"  # any other account's JWT: it reads the inboxes of the studios the main API names, nothing else
# header.payload.signature in base64url: anything else cannot be a JWT.
JWT_SHAPE = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")


@dataclasses.dataclass(frozen=True)
class Reader:
    """The caller of a read or inbox route: "service", "anonymous", "facilitator" (with facilitator_id) or "member"
    (another account's JWT); a JWT's holder also reads the inboxes of `studios` (the main API's answer now)."""

    kind: str
    facilitator_id: int | None = None
    studios: frozenset[int] = frozenset()
    role: str | None = None  # a member's role claim, for the logs

    @property
    def who(self) -> str:
        """The caller as refusals are logged (never the token)."""
        return f"role {str(self.role)[:20]!r}" if self.kind == MEMBER else f"{self.kind} credentials"

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
            # The service token is trusted, but it is nobody's; another account's token is no facilitator's.
            _forbid(reader.who, "This route needs a facilitator's token.")
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


def account_reader_required(view):
    """A JWT of the main API's (any account), passed to the view as `reader`: 401 without one, 403 for the service
    token (it is nobody's inbox); which inbox it may read is inbox_of's to say."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        reader = resolve_reader(allow_anonymous=False)
        if reader.kind == "service":
            _forbid("service credentials", "The service token has no inbox: an inbox is a facilitator's or a studio's.")
        return view(*args, reader=reader, **kwargs)

    return wrapper


def inbox_of(reader: Reader, studio_id: int | None) -> Inbox:
    """The inbox a JWT's holder reads: the studio's (studio_id given) when the token names it among the studios
    whose inbox its holder may read, else a facilitator's own; 403 otherwise."""
    if studio_id is not None:
        if studio_id not in reader.studios:
            _forbid(f"{reader.who} on studio {studio_id}'s inbox", "You may not read this studio's inbox.")
        return Inbox("studio_id", studio_id)
    if reader.kind != FACILITATOR_ROLE:
        _forbid(f"{reader.who} without a studio", "Name the studio whose inbox to read (studio_id).")
    return Inbox("facilitator_id", reader.facilitator_id)


def resolve_reader(allow_anonymous: bool = True) -> Reader:
    """The caller: service token, a JWT, or nobody (if allowed and CRM_ANONYMOUS_READ); else 401."""
    token = bearer_token()
    if token is None:
        if allow_anonymous and current_app.config["CRM_ANONYMOUS_READ"]:
            return Reader("anonymous")
        _fail("missing")
    if is_service_token(token):
        return Reader("service")
    reader = reader_from_jwt(token)
    if reader is not None:
        return reader
    _fail("invalid")


def reader_from_jwt(token: str) -> Reader | None:
    """A JWT from the main API (JWT_SECRET_KEY) as a Reader: a facilitator's scoped to them, any account's with the
    studios whose inbox it may read.

    None when the token is not JWT-shaped at all (a wrong service token, most likely: the caller answers 401
    unauthorized). A forged, malformed or expired JWT is a 401 from flask-jwt-extended's callbacks (tokens.py),
    before the main API is asked; a logged-out one, or one whose account is gone, is the main API's 401 (access.py).
    """
    if not JWT_SHAPE.fullmatch(token):
        return None
    verify_jwt_in_request()  # reads the same Authorization header, already checked to be "Bearer <token>"
    claims = _claims(token)
    studios = claims.get(INBOX_STUDIOS_CLAIM)
    studios = frozenset(item for item in studios if type(item) is int) if isinstance(studios, list) else frozenset()
    if claims.get("role") == FACILITATOR_ROLE:
        return Reader(FACILITATOR_ROLE, int(claims["sub"]), studios)  # a valid id: init_jwt's claims check
    return Reader(MEMBER, studios=studios, role=claims.get("role"))


@dataclasses.dataclass(frozen=True)
class BookReader:
    """A member of a studio's staff opening its client book, as the main API's client_book names it now."""

    user_id: int
    name: str | None
    studio_id: int
    permissions: frozenset[str]
    timezone: str = "UTC"  # the studio's (IANA name), as the claim gives it: its calendar month for segments

    @property
    def sees_all(self) -> bool:
        """Every client with their spend (clients.view); else only the people booked into their own sessions."""
        return "clients.view" in self.permissions


def client_book_required(*permissions: str):
    """The route's <slug> must be a studio the main API's client_book names now (404 otherwise: another studio looks
    like none), with any of permissions (403 naming the first); the view gets `book` (a BookReader), not the slug."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, slug: str, **kwargs):
            reader = resolve_reader(allow_anonymous=False)
            if reader.kind == "service":
                _forbid("service credentials", "The service token has no studio: the client book is its staff's.")
            book = _book_reader(slug)
            if not book.permissions & set(permissions):
                log.warning(
                    "forbidden (%s without %s) on %s %s", reader.who, permissions[0], request.method, request.path
                )
                raise Forbidden(
                    f"Your role may not do this ({permissions[0]}).", details={"permission": permissions[0]}
                )
            return view(*args, book=book, **kwargs)

        return wrapper

    return decorator


def _claims(token: str) -> dict:
    """The verified token's claims with today's role, name and studios in place of those it was minted with."""
    return {**get_jwt(), **current_access(token)}


def _book_reader(slug: str) -> BookReader:
    """The claim's entry for the studio with this slug (as the main API gives it now; the JWT was verified by
    resolve_reader), or a 404."""
    claims = _claims(bearer_token())
    entries = claims.get(CLIENT_BOOK_CLAIM)
    for entry in entries if isinstance(entries, list) else ():
        if isinstance(entry, dict) and entry.get("slug") == slug and type(entry.get("id")) is int:
            granted = entry.get("permissions")
            granted = frozenset(p for p in granted if isinstance(p, str)) if isinstance(granted, list) else frozenset()
            zone = entry.get("timezone") if isinstance(entry.get("timezone"), str) else "UTC"
            return BookReader(int(claims["sub"]), claims.get("name"), entry["id"], granted, zone)
    raise NotFound("No such studio.", code="studio_not_found")


def _forbid(who: str, message: str) -> NoReturn:
    """Log the refusal (who, never the token) and answer 403."""
    log.warning("forbidden (%s) on %s %s from %s", who, request.method, request.path, request.remote_addr)
    raise Forbidden(message)


def _fail(reason: str) -> NoReturn:
    """Answer 401 for a missing or invalid token (logged, never the token)."""
    messages = {"missing": MISSING_TOKEN, "invalid": "The bearer token is not valid."}
    raise auth_failed(messages[reason], reason=f"{reason} token")
