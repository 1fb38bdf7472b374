"""Proving a number before any text goes to it: a one-time code texted to the account's number, typed back within
PHONE_CODE_MINUTES and PHONE_CODE_ATTEMPTS tries. How many codes go to one account and to one number is counted in
the database under a lock of both, so the limit holds across workers and against requests at once."""

import math
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from main_app.plumbing import lock
from main_app.services import news
from main_app.services.texts import code_matches as matches
from main_app.services.texts import opted_out, text_code

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error, message
from ...extensions import db
from ...models import PhoneVerification, SmsNumber, User, utcnow
from .phones import ensure_number

HOUR, DAY = timedelta(hours=1), timedelta(days=1)


@retry_on_deadlock
def request_code(user: User) -> dict:
    """Text a new code to the account's number ({phone, expires_at}); the newest code is the one that works.
    409 no_phone, phone_verified or number_opted_out; 429 when the account or the number had its codes."""
    minutes, now = current_app.config["PHONE_CODE_MINUTES"], utcnow()
    with unit_of_work():
        # Locked in the usual order, the account then its number: requests at once are counted one after another.
        user = _locked(user)
        if not user.phone:
            raise api_error("no_phone")
        if user.phone_verified_at is not None:
            raise api_error("phone_verified")
        ensure_number(user.phone)
        lock(SmsNumber, [user.phone])
        if opted_out(user.phone):
            raise api_error("number_opted_out")
        _refuse_beyond_limits(user.id, user.phone, now)
        verification = PhoneVerification(
            user_id=user.id,
            phone=user.phone,
            nonce=secrets.token_hex(16),
            created_at=now,
            expires_at=now + timedelta(minutes=minutes),
            attempts=0,
        )
        db.session.add(verification)
        db.session.flush()  # its id derives the code
        text_code(user, verification, minutes)
    return {"phone": verification.phone, "expires_at": verification.expires_at}


def _locked(user: User) -> User:
    """The account, fresh and locked: the first step of the lock order."""
    return lock(User, select(User).where(User.id == user.id).execution_options(populate_existing=True)).scalar_one()


def _refuse_beyond_limits(user_id: int, phone: str, now) -> None:
    """429 when the account, or the number, had PHONE_CODES_PER_HOUR codes in the last hour or PHONE_CODES_PER_DAY
    in the last day, saying when the next may be asked for."""
    config = current_app.config
    for who, column, value in (
        ("account", PhoneVerification.user_id, user_id),
        ("number", PhoneVerification.phone, phone),
    ):
        for window, most in ((HOUR, config["PHONE_CODES_PER_HOUR"]), (DAY, config["PHONE_CODES_PER_DAY"])):
            sent, oldest = db.session.execute(
                select(func.count(), func.min(PhoneVerification.created_at)).where(
                    column == value, PhoneVerification.created_at > now - window
                )
            ).one()
            if sent >= most:
                seconds = max(1, math.ceil((oldest + window - now).total_seconds()))
                raise api_error("too_many_requests", who=who, seconds=seconds, headers={"Retry-After": str(seconds)})


@retry_on_deadlock
def confirm_code(user: User, typed: str) -> User:
    """Prove the account's number with the newest code sent to it: the number is verified and texts (if on) start.
    400 invalid_code for a wrong code (counted), code_ended once it is used, too old or out of tries."""
    config, now = current_app.config, utcnow()
    with unit_of_work():
        user = _locked(user)
        if user.phone is None:
            raise api_error("no_phone")
        if user.phone_verified_at is not None:
            return user
        latest = db.session.scalar(
            select(PhoneVerification)
            .where(PhoneVerification.user_id == user.id, PhoneVerification.phone == user.phone)
            .order_by(PhoneVerification.id.desc())
            .limit(1)
        )
        usable = latest is not None and latest.used_at is None and latest.expires_at > now
        if not usable or latest.attempts >= config["PHONE_CODE_ATTEMPTS"]:
            outcome = "ended"
        elif matches(config["SECRET_KEY"], latest.id, latest.nonce, typed):
            latest.used_at = user.phone_verified_at = now
            db.session.flush()
            news.publish(news.RemindersRedone.of(user))  # texted reminders start with the proof
            outcome = "verified"
        else:
            # Under the account's lock; committed with this unit of work, the refusal raised after it.
            latest.attempts += 1
            outcome = "wrong"
    if outcome == "ended":
        raise api_error("code_ended", details={"code": [message("code_ended")]})
    if outcome == "wrong":
        raise api_error("invalid_code", details={"code": [message("invalid_code")]})
    db.session.refresh(user)
    return user
