"""The main API's access tokens on the CRM: verified by flask-jwt-extended, every failure a 401 in our shape."""

import logging

from flask import Flask, request

from .errors import error_response
from .extensions import jwt

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    """Bind flask-jwt-extended: tokens come in the Authorization header, HS256 only."""
    # Only the header: a cookie or query-string token would bypass the Bearer parsing in auth.py.
    app.config.setdefault("JWT_TOKEN_LOCATION", ["headers"])
    app.config.setdefault("JWT_ALGORITHM", "HS256")
    app.config.setdefault("JWT_DECODE_ALGORITHMS", ["HS256"])
    jwt.init_app(app)


def _unauthorized(message: str, code: str):
    """Log the failure (its code, never the token) and answer 401 in our shape, naming the scheme."""
    log.warning("auth failed (%s) on %s %s from %s", code, request.method, request.path, request.remote_addr)
    return error_response(401, code, message, headers={"WWW-Authenticate": "Bearer"})


@jwt.unauthorized_loader
def _missing_token(_reason):
    return _unauthorized("Authorization: Bearer <token> is required.", "unauthorized")


@jwt.invalid_token_loader
def _invalid_token(_reason):
    # The reason (e.g. "Signature verification failed") stays out: it helps a forger more than a user.
    return _unauthorized("The token is invalid; log in again.", "invalid_token")


@jwt.expired_token_loader
def _expired_token(_header, _payload):
    return _unauthorized("The token has expired; log in again.", "token_expired")


@jwt.revoked_token_loader
def _revoked_token(_header, _payload):
    return _unauthorized("The token has been revoked; log in again.", "token_revoked")


@jwt.needs_fresh_token_loader
def _needs_fresh(_header, _payload):
    return _unauthorized("A fresh login is required.", "fresh_token_required")


@jwt.user_lookup_error_loader
def _unknown_user(_header, _payload):
    return _unauthorized("The account for this token no longer exists.", "invalid_token")


@jwt.token_verification_failed_loader
def _claims_rejected(_header, _payload):
    return _unauthorized("The token's claims were rejected.", "invalid_token")
