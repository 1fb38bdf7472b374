"""Accounts: registration and login."""

from datetime import UTC, datetime

from sqlalchemy import Row, bindparam, delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash

from main_app.services.common import (
    TokenRefused,
    dummy_password_hash,
    hash_password,
    password_matches,
    password_reset_claims,
    unsubscribe_user_id,
    written_name,
)
from main_app.services.languages import supported
from service_kit.errors import Conflict, ValidationFailed

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import ROLE_USER, RevokedToken, User, utcnow
from .. import news
from .phones import refuse_sms_without_phone


def _taken_field(email: str, username: str | None) -> str | None:
    """Which unique field of a new account is already in use, if any."""
    if db.session.scalar(select(User.id).where(User.email == email)):
        return "email"
    if username and db.session.scalar(select(User.id).where(User.username == username)):
        return "username"
    return None


def register_user(
    name: str,
    email: str,
    password: str,
    username: str | None = None,
    role: str = ROLE_USER,
    *,
    phone: str | None = None,
    sms_enabled: bool = False,
    other_name: str | None = None,
) -> User:
    """Create an account and report it to the CRM; 409 when the email or username is taken. phone is E.164;
    other_name their name in another script, if they gave one."""
    refuse_sms_without_phone(phone, sms_enabled)
    # Stored lower-case so lookups are exact matches on the unique indexes.
    email = email.strip().lower()
    username = username.strip().lower() if username else None
    taken = _taken_field(email, username)
    if taken:
        raise api_error(
            "email_taken" if taken == "email" else "username_taken", details={taken: ["already registered"]}
        )
    user = User(
        name=written_name(name),
        other_name=written_name(other_name) or None,
        email=email,
        username=username,
        role=role,
        password_hash=hash_password(password),
        phone=phone,
        sms_enabled=sms_enabled,
    )
    # Two registrations may race past the check above; then the unique index decides.
    with unit_of_work(on_integrity_error=_already_registered):
        db.session.add(user)
        db.session.flush()
        news.publish(news.Registered(user))
    return user


def _already_registered(_exc: IntegrityError) -> Conflict:
    return api_error("email_taken.either")


def account_id(identifier: str) -> int | None:
    """The id of the account an email or username (either case) names, None when none does."""
    identifier = identifier.strip().lower()
    return db.session.scalar(select(User.id).where(or_(User.email == identifier, User.username == identifier)))


def authenticate(identifier: str, password: str) -> User:
    """The account matching email or username and password; 401 otherwise, without saying which was wrong."""
    identifier = identifier.strip().lower()
    user = db.session.scalar(select(User).where(or_(User.email == identifier, User.username == identifier)))
    if user is None:
        check_password_hash(dummy_password_hash(), password)
        raise api_error("invalid_credentials")
    if not password_matches(user.password_hash, password):
        raise api_error("invalid_credentials")
    return user


def change_password(user: User, current_password: str, new_password: str) -> User:
    """Set a new password after checking the current one; every session of the account, this one too, is signed
    out (the caller issues a new token); 400 naming current_password when it is wrong."""
    if not check_password_hash(user.password_hash, current_password):
        raise ValidationFailed("Invalid input: current_password.", details={"current_password": ["Wrong password."]})
    with unit_of_work():
        user = _model(user)
        user.password_hash = hash_password(new_password)
        user.token_generation = User.token_generation + 1
    db.session.refresh(user)
    return user


def request_password_reset(email: str) -> None:
    """Queue a reset link for this email; the email lane finds its account, or none. The same work whether or not an
    account has the email, so neither the answer nor the time it takes tells (the caller always answers 202)."""
    with unit_of_work():
        news.publish(news.ResetAsked(email.strip().lower()))


def confirm_password_reset(token: str, new_password: str) -> User:
    """Set a new password with a mailed token; every session of the account is signed out and the token is spent
    (it names the token generation this raises); 400 invalid_token when it is altered, expired or used."""
    refused = api_error("invalid_token.reset", details={"token": ["Invalid, expired or already used."]})
    try:
        user_id, generation = password_reset_claims(token)
    except TokenRefused:
        raise refused from None
    with unit_of_work():
        # Conditional on the generation, so two uses of one token racing each other cannot both succeed.
        result = db.session.execute(
            update(User)
            .where(User.id == user_id, User.token_generation == generation)
            .values(password_hash=hash_password(new_password), token_generation=User.token_generation + 1)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            raise refused
    return db.session.get(User, user_id, populate_existing=True)


def rename(user: User, **names) -> User:
    """Change the account's name, its other name (None or blank: none) or birthday; emails use them from now on."""
    with unit_of_work():
        user = _model(user)
        if "name" in names:
            user.name = written_name(names["name"])
        if "other_name" in names:
            user.other_name = written_name(names["other_name"]) or None
        if "birthday" in names:
            user.birthday = names["birthday"]
    db.session.refresh(user)
    return user


def set_reminders(user: User, enabled: bool) -> User:
    """Turn reminder emails on or off; the ones already queued go, or are queued for active bookings ahead."""
    if user.reminders_enabled == enabled:
        return user
    with unit_of_work():
        user = _model(user)
        user.reminders_enabled = enabled
        news.publish(news.RemindersRedone.of(user))
    db.session.refresh(user)
    return user


def set_language(user: User, language: str | None) -> User:
    """The language pages, emails and texts speak to them in (None: their browser's, else their studio's)."""
    if language is not None and supported(language) is None:
        raise ValueError(f"not a language we speak: {language!r}")
    with unit_of_work():
        user = _model(user)
        user.language = language
    db.session.refresh(user)
    return user


def unsubscribe_reminders(token: str) -> None:
    """One click from a reminder email: that person's reminders are off; 400 invalid_token for a bad token."""
    try:
        user = db.session.get(User, unsubscribe_user_id(token))
    except TokenRefused:
        user = None
    if user is None:
        raise api_error("invalid_token.unsubscribe", details={"token": ["Invalid."]})
    set_reminders(user, False)


def revoke_token(jti: str, user_id: int, expires_at: int) -> None:
    """Log out: the token with this id is refused from now on (until it expires; then the row goes)."""
    with unit_of_work():
        # Rows of tokens that have expired by themselves are no longer needed: tidy up on the way.
        db.session.execute(delete(RevokedToken).where(RevokedToken.expires_at < utcnow()))
        if db.session.get(RevokedToken, jti) is None:
            expires = datetime.fromtimestamp(expires_at, UTC)
            db.session.add(RevokedToken(jti=jti, user_id=user_id, expires_at=expires))


USERS, REVOKED = User.__table__, RevokedToken.__table__
# Built once, on the tables: every authenticated request runs it, and the account it reads is only read (an ORM
# object cost a tenth of a refused booking); the few functions that change an account load the model themselves.
TOKEN_ACCOUNT = select(
    *USERS.c, select(REVOKED.c.jti).where(REVOKED.c.jti == bindparam("jti")).exists().label("logged_out")
).where(USERS.c.id == bindparam("user_id"))


def token_account(user_id: int, jti: str | None) -> tuple[Row | None, bool]:
    """A token's account as a row of its columns (None if it is gone) and whether the token was logged out, in one
    query."""
    row = db.session.execute(TOKEN_ACCOUNT, {"user_id": user_id, "jti": jti}).one_or_none()
    if row is None:
        return None, False  # no account: the lookup that follows answers 401 invalid_token
    return row, jti is not None and row.logged_out


def _model(user) -> User:
    """The account as the model, for a change (a request's account is a read-only row)."""
    return user if isinstance(user, User) else db.session.get(User, user.id)
