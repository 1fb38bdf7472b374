"""Who may call the main API: JWTs for accounts (with their role), the service token for operators."""

from functools import wraps

from flask import Flask, has_request_context, request
from flask_jwt_extended import create_access_token, current_user, get_current_user, verify_jwt_in_request

from main_app.services.accounts import token_account
from main_app.services.languages import LOCALES, request_language
from main_app.services.studios import client_book_claim, studios_where
from service_kit.security import CLIENT_BOOK_CLAIM, INBOX_STUDIOS_CLAIM, auth_failed, init_jwt, is_service_token

from .error_codes import api_error
from .extensions import jwt
from .models import ROLE_ADMIN, User


def init_app(app: Flask) -> None:
    """Bind flask-jwt-extended: every token failure a 401 in our shape; each token's account read once."""
    init_jwt(app, jwt)
    jwt.user_lookup_loader(_load_account)


def request_locale() -> str | None:
    """Flask-Babel's locale of this request: the signed-in person's language when the route read their token, else the
    best of Accept-Language we speak, in India's formats (en_IN, hi_IN, mr_IN); None when it asks for none (outside a
    request too): then the default, English (en_IN)."""
    if not has_request_context():
        return None
    try:
        user = get_current_user()
    except RuntimeError:  # no token was read on this route (a public page, or an error before the check)
        user = None
    language = request_language(getattr(user, "language", None), request.accept_languages)
    return LOCALES[language] if language else None


def issue_token(user: User) -> str:
    """A signed access token for user, carrying the role, display name, the studios whose CRM inbox they may read and
    those whose client book they may open as claims (the web app reads them; the CRM asks for today's on every
    request: crm_access)."""
    claims = {"role": user.role, "name": user.name, "gen": user.token_generation, **crm_access(user.id)}
    return create_access_token(identity=str(user.id), additional_claims=claims)


def crm_access(user_id: int) -> dict:
    """The studios whose CRM inbox and client book the account may open now, as the token's claims name them (the CRM
    asks GET /auth/access for them on every request, so a logout or a membership change takes effect there at once)."""
    return {INBOX_STUDIOS_CLAIM: studios_where(user_id, "inbox.read"), CLIENT_BOOK_CLAIM: client_book_claim(user_id)}


def _load_account(_header, payload):
    """The account behind a verified token, as a read-only row of its columns (None: it no longer exists); a
    logged-out token is refused. Views and services read current_user's columns as they would a User's; the few that
    change an account load the model (services.auth).

    One query reads the account and whether the token was revoked (POST /auth/logout), so no separate
    blocklist lookup runs first.
    """
    # sub is an id in range: init_jwt's claims check ran first.
    user, revoked = token_account(int(payload["sub"]), payload.get("jti"))
    # A token of an earlier generation was issued before a password change (tokens without "gen" are generation 0).
    if revoked or (user is not None and payload.get("gen", 0) != user.token_generation):
        raise auth_failed("The token has been revoked; log in again.", "token_revoked")
    return user


def role_required(*roles: str):
    """Decorator: a valid token whose account has one of roles, else 401/403."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            verify_jwt_in_request()
            # The stored role decides, not the claim, so a changed role takes effect at once.
            if current_user.role not in roles:
                raise api_error("forbidden.role", roles=" or ".join(roles))
            return view(*args, **kwargs)

        return wrapper

    return decorator


def caller_id() -> int | None:
    """On a route open to anyone: the id of the account whose token the request carries, None without a token."""
    verify_jwt_in_request(optional=True)
    account = get_current_user()
    return None if account is None else account.id


def _sends_service_token() -> bool:
    """True when the request's bearer token is CRM_AUTH_TOKEN."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and is_service_token(token.strip())


def _service_token_or_roles(*roles: str):
    """Decorator factory: the service token, or a valid token of an account with one of roles; else 401/403."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not _sends_service_token():
                verify_jwt_in_request()
                if current_user.role not in roles:
                    raise api_error("forbidden.role_or_service", roles=" or ".join(roles))
            return view(*args, **kwargs)

        return wrapper

    return decorator


# Operators see every message and its payload, platform-wide; a studio's staff see their studio's share through
# its door (api/studio_delivery), so no studio sees another's figures.
operator_required = _service_token_or_roles(ROLE_ADMIN)


def operator_id() -> int | None:
    """Inside an operator_required view: the calling admin's id, None for the service token."""
    return None if _sends_service_token() else current_user.id
