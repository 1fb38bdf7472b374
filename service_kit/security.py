"""Credentials as both services check them: the main API's JWTs (every failure a 401 in our shape) and the
service's static bearer token (compared in constant time)."""

import hmac
import re

from flask import Flask, current_app, request
from flask_jwt_extended import JWTManager

from .errors import BEARER_CHALLENGE, Unauthorized, error_response, service_log
from .routing import MAX_ID

SUBJECT = re.compile(r"[1-9][0-9]{0,9}")  # an account id in ASCII digits (int() would take "١٢" too)
MISSING_TOKEN = "Authentication required: send 'Authorization: Bearer <token>'."
# The access token's claim listing the studios whose CRM inbox its holder may read (ids), as of the token's minting.
INBOX_STUDIOS_CLAIM = "inbox_studios"
# The claim listing the studios whose CRM client book its holder may open, as of the token's minting: objects
# {id, slug, permissions} with the client-book permissions (clients.view, clients.write, clients.own) of their role.
CLIENT_BOOK_CLAIM = "client_book"


def init_jwt(app: Flask, jwt: JWTManager) -> None:
    """Bind flask-jwt-extended: tokens in the Authorization header only, HS256 only, failures in our shape."""
    # Only the header: a cookie or query-string token would bypass the Bearer parsing.
    app.config.setdefault("JWT_TOKEN_LOCATION", ["headers"])
    app.config.setdefault("JWT_ALGORITHM", "HS256")
    app.config.setdefault("JWT_DECODE_ALGORITHMS", ["HS256"])
    jwt.init_app(app)
    jwt.token_verification_loader(_claims_acceptable)
    jwt.unauthorized_loader(lambda _reason: _unauthorized(MISSING_TOKEN, "unauthorized"))
    # The reason (e.g. "Signature verification failed") stays out: it helps a forger more than a user.
    jwt.invalid_token_loader(lambda _reason: _unauthorized("The token is invalid; log in again.", "invalid_token"))
    for register, message, code in (
        (jwt.expired_token_loader, "The token has expired; log in again.", "token_expired"),
        (jwt.revoked_token_loader, "The token has been revoked; log in again.", "token_revoked"),
        (jwt.needs_fresh_token_loader, "A fresh login is required.", "fresh_token_required"),
        (jwt.user_lookup_error_loader, "The account for this token no longer exists.", "invalid_token"),
        (jwt.token_verification_failed_loader, "The token's claims were rejected.", "invalid_token"),
    ):
        register(lambda _header, _payload, message=message, code=code: _unauthorized(message, code))


def _claims_acceptable(_header, payload) -> bool:
    """A signed token must still expire and name an account id we could hold; else 401 invalid_token.

    PyJWT checks exp only when present, and a sub of 10**30 would reach the database as an overflow."""
    exp, sub = payload.get("exp"), payload.get("sub")
    return (
        isinstance(exp, (int, float))
        and not isinstance(exp, bool)
        and isinstance(sub, str)
        and SUBJECT.fullmatch(sub) is not None
        and int(sub) <= MAX_ID
    )


def _unauthorized(message: str, code: str):
    """Log the failure (its code, never the token) and answer 401 in our shape, naming the scheme."""
    _log_failure(code)
    return error_response(401, code, message, headers=BEARER_CHALLENGE)


def auth_failed(message: str, code: str = "unauthorized", *, reason: str | None = None) -> Unauthorized:
    """A 401 to raise, logged with reason (default: its code), never the token, like flask-jwt-extended's failures."""
    _log_failure(reason or code)
    return Unauthorized(message, code=code, headers=BEARER_CHALLENGE)


def _log_failure(code: str) -> None:
    """Which check failed, where and from whom; never the token."""
    service_log("security").warning(
        "auth failed (%s) on %s %s from %s", code, request.method, request.path, request.remote_addr
    )


def bearer_token() -> str | None:
    """The token of `Authorization: Bearer <token>`; None without the header, 401 when it is malformed."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token:
        raise auth_failed("The Authorization header must be 'Bearer <token>'.", reason="malformed token")
    return token


def is_service_token(token: str | None) -> bool:
    """True when token is CRM_AUTH_TOKEN; a constant-time comparison, so response timing does not leak it."""
    if token is None:
        return False
    return hmac.compare_digest(token.encode("utf-8"), current_app.config["CRM_AUTH_TOKEN"].encode("utf-8"))
