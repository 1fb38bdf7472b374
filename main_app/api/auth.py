"""/auth: register, log in, who am I."""

from flask import current_app
from flask_jwt_extended import current_user, get_jwt, jwt_required

from main_app.plumbing import answer_not_kept
from main_app.services.accounts import (
    account_id,
    authenticate,
    register_user,
    rename_account,
    revoke_token,
    set_contact,
    set_language,
    set_reminders,
)
from main_app.services.accounts import change_password as auth_service_change_password
from main_app.services.accounts import confirm_password_reset as auth_service_confirm_password_reset
from main_app.services.accounts import request_password_reset as auth_service_request_password_reset
from main_app.services.accounts import unsubscribe_reminders as auth_service_unsubscribe_reminders
from main_app.services.bookings import new_feed
from main_app.services.emails import unsubscribe_guest
from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.rate_limits import AccountKeys, client_key, configured_limit, identifier_key
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..extensions import limiter
from ..schemas.auth import (
    AcceptedSchema,
    AccessSchema,
    AccountSchema,
    AccountUpdateSchema,
    CalendarFeedSchema,
    GuestEmailsOffSchema,
    LoginSchema,
    PasswordChangeSchema,
    PasswordResetConfirmSchema,
    PasswordResetRequestSchema,
    RegisterSchema,
    RemindersSchema,
    TokenQuerySchema,
    TokenSchema,
)
from ..security import crm_access, issue_token

blp = Blueprint("auth", __name__, url_prefix="/auth", description="Accounts and tokens")


def _token_response(user) -> dict:
    answer_not_kept()  # a token is kept nowhere, an Idempotency-Key's answer included
    expires = current_app.config["JWT_ACCESS_TOKEN_EXPIRES"]
    return {
        "access_token": issue_token(user),
        "token_type": "Bearer",
        "expires_in": int(expires.total_seconds()),
        "user": user,
    }


def _failed(response) -> bool:
    """A login that did not succeed: a wrong password (401) or a body we could not use (400)."""
    return response.status_code in (400, 401)


# Failed logins, counted the way OWASP's authentication cheat sheet describes: tightly for one address trying one
# account (one person mistyping locks out no one else behind the same address), more loosely for one account
# from any address (a distributed guess) and for one address across accounts (one address trying many).
# An account counts once whichever identifier names it: its username and its email share one budget.
ACCOUNTS = AccountKeys(account_id)
LOGIN_LIMITS = (
    ("RATELIMIT_LOGIN", ACCOUNTS.address_and_account, "Too many failed logins for this account from your address"),
    ("RATELIMIT_LOGIN_ACCOUNT", ACCOUNTS.account, "Too many failed logins for this account"),
    ("RATELIMIT_LOGIN_ADDRESS", client_key, "Too many failed logins from your address"),
)
WAIT = "; try again in {seconds} second{s}."


def _login_limits(view):
    for setting, key, message in LOGIN_LIMITS:
        view = configured_limit(limiter, setting, message + WAIT, key_func=key, deduct_when=_failed)(view)
    return view


@blp.route("/register", methods=["POST"])
# Above the body parsing, so malformed attempts count too.
@configured_limit(limiter, "RATELIMIT_REGISTER", "Too many sign-ups from your address" + WAIT)
@blp.arguments(RegisterSchema)
@blp.response(201, TokenSchema)
@blp.alt_response(400, schema=APIErrorSchema)
@blp.alt_response(409, schema=APIErrorSchema)
@blp.alt_response(429, schema=APIErrorSchema, description="Too many attempts from this address; see Retry-After")
def register(body):
    """Create a user account and return a token for it."""
    user = register_user(
        body["name"],
        body["email"],
        body["password"],
        body.get("username"),
        phone=body.get("phone"),
        sms_enabled=body.get("sms_enabled", False),
        other_name=body.get("other_name"),
    )
    return _token_response(user)


@blp.route("/login", methods=["POST"])
@_login_limits
@blp.arguments(LoginSchema)
@blp.response(200, TokenSchema)
@blp.alt_response(400, schema=APIErrorSchema)
@blp.alt_response(401, schema=APIErrorSchema)
@blp.alt_response(429, schema=APIErrorSchema, description="Too many failed logins; see Retry-After")
def login(body):
    """Exchange email or username and password for a token."""
    identifier = body.get("email") or body.get("username") or body.get("login")
    user = authenticate(identifier, body["password"])
    return _token_response(user)


@blp.route("/me")
@read_only
@blp.doc(security=BEARER)
@blp.response(200, AccountSchema)
@blp.alt_response(401, schema=APIErrorSchema)
@jwt_required()
def me():
    """The account behind the token, with the address of its private calendar feed."""
    return current_user


@blp.route("/access")
@read_only
@blp.doc(security=BEARER)
@blp.response(200, AccessSchema)
@blp.alt_response(401, schema=APIErrorSchema)
@jwt_required()
def access():
    """What my token reaches now: my role and the studios whose CRM inbox and client book I may open. The CRM asks
    this on every request with a token, so a logout or a change of membership takes effect there at once."""
    return {"id": current_user.id, "role": current_user.role, "name": current_user.name, **crm_access(current_user.id)}


@blp.route("/refresh", methods=["POST"])
@blp.doc(security=BEARER)
@blp.response(200, TokenSchema)
@blp.alt_response(401, schema=APIErrorSchema)
@jwt_required()
def refresh():
    """A new token for my account with today's claims (the studios whose CRM inbox I may read, after joining or
    leaving one); the old token stays valid until it expires."""
    return _token_response(current_user)


@blp.route("/password", methods=["POST"])
@blp.doc(security=BEARER)
# Wrong current passwords count against the address, as failed logins do.
@configured_limit(
    limiter, "RATELIMIT_LOGIN_ADDRESS", "Too many failed attempts from your address" + WAIT, deduct_when=_failed
)
@blp.arguments(PasswordChangeSchema)
@blp.response(200, TokenSchema)
@blp.alt_response(400, schema=APIErrorSchema, description="validation_error: current_password wrong, or new_password")
@blp.alt_response(401, schema=APIErrorSchema)
@blp.alt_response(429, schema=APIErrorSchema, description="Too many wrong passwords; see Retry-After")
@jwt_required()
def change_password(body):
    """Change my password: every other session is signed out, and this answer carries a new token for this one."""
    user = auth_service_change_password(current_user, body["current_password"], body["new_password"])
    return _token_response(user)


@blp.route("/me", methods=["PATCH"])
@blp.doc(security=BEARER)
@blp.arguments(AccountUpdateSchema)
@blp.response(200, AccountSchema)
@blp.alt_response(400, schema=APIErrorSchema)
@blp.alt_response(401, schema=APIErrorSchema)
@jwt_required()
def update_me(body):
    """Change my name, my name in another script or my birthday, turn reminder emails on or off (reminders already
    queued go, or are queued), change my phone or turn texts on or off (they need a phone; removing it turns them
    off), choose my language (en, hi, mr; null: the browser's), which this answer is already in."""
    user = current_user
    contact = {name: body[name] for name in ("phone", "sms_enabled") if name in body}
    if contact:
        user = set_contact(user, **contact)
    names = {name: body[name] for name in ("name", "other_name", "birthday") if name in body}
    if names:
        user = rename_account(user, **names)
    if "reminders_enabled" in body:
        user = set_reminders(user, body["reminders_enabled"])
    if "language" in body:
        user = set_language(user, body["language"])
    return user


@blp.route("/password-reset", methods=["POST"])
# Every request counts (each may send a mail); above the body parsing, so malformed ones count too.
@configured_limit(limiter, "RATELIMIT_PASSWORD_RESET", "Too many password-reset requests from your address" + WAIT)
@configured_limit(
    limiter,
    "RATELIMIT_PASSWORD_RESET_ACCOUNT",
    "Too many password-reset requests for this email address" + WAIT,
    key_func=identifier_key,
)
@blp.arguments(PasswordResetRequestSchema)
@blp.response(202, AcceptedSchema)
@blp.alt_response(400, schema=APIErrorSchema)
@blp.alt_response(429, schema=APIErrorSchema, description="Too many requests from this address; see Retry-After")
def request_password_reset(body):
    """Email a link to reset the password: single use, valid for an hour. The answer is the same whether or not an
    account has this email."""
    auth_service_request_password_reset(body["email"])
    return {"message": "If an account uses this email, a link to reset its password is on its way."}


@blp.route("/password-reset/confirm", methods=["POST"])
# Wrong tokens count against the address, as failed logins do.
@configured_limit(
    limiter, "RATELIMIT_LOGIN_ADDRESS", "Too many failed attempts from your address" + WAIT, deduct_when=_failed
)
@blp.arguments(PasswordResetConfirmSchema)
@blp.response(200, TokenSchema)
@blp.alt_response(400, schema=APIErrorSchema, description="invalid_token (used, expired, altered) or password")
@blp.alt_response(429, schema=APIErrorSchema, description="Too many failed attempts; see Retry-After")
def confirm_password_reset(body):
    """Set a new password with the mailed token: every session of the account ends, and this answer signs in."""
    user = auth_service_confirm_password_reset(body["token"], body["password"])
    return _token_response(user)


@blp.route("/reminders/unsubscribe", methods=["POST"])
@blp.arguments(TokenQuerySchema, location="query")
@blp.response(200, RemindersSchema)
@blp.alt_response(400, schema=APIErrorSchema, description="invalid_token")
def unsubscribe_reminders(args):
    """One-click unsubscribe (RFC 8058) from a reminder email: that person's reminders are turned off. The body a
    mail client sends (List-Unsubscribe=One-Click) is not needed."""
    auth_service_unsubscribe_reminders(args["token"])
    return {"reminders_enabled": False}


@blp.route("/guest-emails/unsubscribe", methods=["POST"])
@blp.arguments(TokenQuerySchema, location="query")
@blp.response(200, GuestEmailsOffSchema)
@blp.alt_response(400, schema=APIErrorSchema, description="invalid_token")
def unsubscribe_guest_emails(args):
    """One-click unsubscribe (RFC 8058) from an email to a guest: no email a booker causes goes to that address
    again. The body a mail client sends (List-Unsubscribe=One-Click) is not needed."""
    unsubscribe_guest(args["token"])
    return {"unsubscribed": True}


@blp.route("/calendar-feed", methods=["POST"])
@blp.doc(security=BEARER)
@blp.response(200, CalendarFeedSchema)
@blp.alt_response(401, schema=APIErrorSchema)
@jwt_required()
def new_calendar_feed():
    """A new address for my calendar feed; the old one stops working."""
    return new_feed(current_user)


@blp.route("/logout", methods=["POST"])
@blp.doc(security=BEARER)
@blp.response(204)
@blp.alt_response(401, schema=APIErrorSchema)
@jwt_required()
def logout():
    """End this token: any later request with it gets 401 token_revoked (other sessions stay signed in)."""
    claims = get_jwt()
    revoke_token(claims["jti"], current_user.id, claims["exp"])
    return None
