"""Authentication: JWT set-up, our error shape for token failures, and role checks."""

import hmac
from functools import wraps

from flask import current_app, g, request
from flask_jwt_extended import create_access_token, current_user, verify_jwt_in_request

from .errors import Forbidden, error_response
from .extensions import db, jwt
from .models import ROLE_ADMIN, ROLE_FACILITATOR, User
from .services.auth import token_account


def _unauthorized(message: str, code: str = "unauthorized"):
    """A 401 in our shape that tells clients which scheme to use."""
    return error_response(401, code, message, headers={"WWW-Authenticate": "Bearer"})


def issue_token(user: User) -> str:
    """A signed access token for user, carrying the role and display name as claims."""
    return create_access_token(identity=str(user.id), additional_claims={"role": user.role, "name": user.name})


def init_app(app) -> None:
    """Bind flask-jwt-extended and make every token failure answer 401 in our shape."""
    jwt.init_app(app)


def _user_id(payload) -> int | None:
    try:
        return int(payload["sub"])
    except (KeyError, TypeError, ValueError):
        return None


@jwt.user_lookup_loader
def _load_user(_header, payload):
    """The account behind a verified token, or None when it no longer exists."""
    if "token_account" in g:  # read with the revocation check, which flask-jwt-extended makes first
        return g.pop("token_account")
    user_id = _user_id(payload)
    return None if user_id is None else db.session.get(User, user_id)


@jwt.unauthorized_loader
def _missing_token(reason):
    return _unauthorized("Authentication required: send 'Authorization: Bearer <token>'.")


@jwt.invalid_token_loader
def _invalid_token(reason):
    return _unauthorized("The token is invalid; log in again.", "invalid_token")


@jwt.expired_token_loader
def _expired_token(_header, _payload):
    return _unauthorized("The token has expired; log in again.", "token_expired")


@jwt.token_in_blocklist_loader
def _is_revoked(_header, payload) -> bool:
    """Tokens ended by POST /auth/logout are refused (401 token_revoked); the account comes in the same query."""
    user_id = _user_id(payload)
    if user_id is None:
        return False  # the account lookup then fails: 401 invalid_token
    g.token_account, revoked = token_account(user_id, payload.get("jti"))
    return revoked


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


def role_required(*roles: str):
    """Decorator: a valid token whose account has one of roles, else 401/403."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            verify_jwt_in_request()
            # The stored role decides, not the claim, so a changed role takes effect at once.
            if current_user.role not in roles:
                raise Forbidden(f"This action needs the {' or '.join(roles)} role.")
            return view(*args, **kwargs)

        return wrapper

    return decorator


def _is_service_token() -> bool:
    """True when the request carries CRM_AUTH_TOKEN as its bearer token (constant-time comparison)."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    expected = current_app.config["CRM_AUTH_TOKEN"]
    return scheme.lower() == "bearer" and hmac.compare_digest(token.strip().encode(), expected.encode())


def _service_token_or_roles(*roles: str):
    """Decorator factory: the service token, or a valid token of an account with one of roles; else 401/403."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not _is_service_token():
                verify_jwt_in_request()
                if current_user.role not in roles:
                    raise Forbidden(f"This action needs the {' or '.join(roles)} role or the service token.")
            return view(*args, **kwargs)

        return wrapper

    return decorator


# Operators see every message and its payload; facilitators may also see the delivery health and requeue
# dead deliveries (idempotent on the CRM side), so they know their notifications are flowing.
operator_required = _service_token_or_roles(ROLE_ADMIN)
staff_or_operator_required = _service_token_or_roles(ROLE_ADMIN, ROLE_FACILITATOR)


def operator_id() -> int | None:
    """Inside an operator_required view: the calling admin's id, None for the service token."""
    return None if _is_service_token() else current_user.id
