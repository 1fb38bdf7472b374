"""Phone numbers and the SMS opt-in: numbers are checked and kept in E.164, texts go only where they are wanted,
and a reply of STOP or START changes that at once, for the number whichever accounts give it."""

import re

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType
from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite

from main_app.services import news
from service_kit.errors import ValidationFailed

from ...database import unit_of_work
from ...extensions import db
from ...models import SmsNumber, User, utcnow

# The keywords carriers and Twilio treat as opting out and back in (Twilio's defaults), in any case.
STOP_WORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"})
START_WORDS = frozenset({"START", "YES", "UNSTOP", "OPTIN"})
STOPPED = "You will get no more texts from Sessions & Retreats. Reply START to get them again."
STARTED = "Texts from Sessions & Retreats are on again. Reply STOP to end them."

E164 = re.compile(r"\+[1-9]\d{1,14}")
# What a text can reach: a landline, a toll-free or a premium number cannot take one.
TEXTABLE = {
    PhoneNumberType.MOBILE,
    PhoneNumberType.FIXED_LINE_OR_MOBILE,
    PhoneNumberType.PERSONAL_NUMBER,
    PhoneNumberType.VOIP,
}

# The number's record, made on its first STOP or code (one statement, so two at once make one).
INSERT_NUMBER = {
    name: insert(SmsNumber.__table__).on_conflict_do_nothing(index_elements=["number"])
    for name, insert in (("postgresql", postgresql.insert), ("sqlite", sqlite.insert))
}


def mobile_number(raw: str, region: str) -> str:
    """raw as E.164 (+919812345678), read in region when it has no +country code; ValueError saying why not."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        raise ValueError("Not a phone number; give it with its country code, e.g. +91 98123 45678.") from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError("Not a valid phone number; check the digits and the country code.")
    if phonenumbers.number_type(number) not in TEXTABLE:
        raise ValueError("Give a mobile number: texts cannot reach this one.")
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def refuse_sms_without_phone(phone: str | None, sms_enabled: bool) -> None:
    """400 naming sms_enabled when texts are asked for without a number to send them to."""
    if sms_enabled and not phone:
        raise ValidationFailed(
            "Invalid input: sms_enabled: texts need a phone number.",
            details={"sms_enabled": ["Give a phone number to get texts."]},
        )


def set_contact(user, **changes) -> User:
    """Change the phone (E.164, or None to remove it) and/or the SMS opt-in; removing the phone ends texts, a new
    number must be proved again (phone_codes.py) before texts go to it."""
    phone = changes.get("phone", user.phone)
    sms_enabled = changes.get("sms_enabled", user.sms_enabled) and phone is not None
    if "sms_enabled" in changes:
        refuse_sms_without_phone(phone, changes["sms_enabled"])
    if (phone, sms_enabled) == (user.phone, user.sms_enabled):
        return user
    with unit_of_work():
        user = db.session.get(User, user.id)
        if phone != user.phone:
            user.phone_verified_at = None
        user.phone, user.sms_enabled = phone, sms_enabled
        db.session.flush()
        news.publish(news.RemindersRedone.of(user))  # texted reminders follow the number and the choice
    db.session.refresh(user)
    return user


def reply_to(sender: str, body: str) -> str | None:
    """Apply a reply from sender (E.164), the one code path of Twilio's webhook and the development mailbox: STOP
    ends texts to the number for every account that gives it, now or later; START lifts that, and texts come back
    only to accounts that still have them on. The confirmation to send back, once, when it changed something."""
    if not E164.fullmatch(sender):
        return None  # not a phone number (a short code, another channel): no number of ours to change
    word = body.strip().upper()
    if word in STOP_WORDS:
        return STOPPED if _opt_out(sender, True) else None
    if word in START_WORDS:
        return STARTED if _opt_out(sender, False) else None
    return None


def ensure_number(phone: str) -> None:
    """The number's record (sms_numbers), made if missing, in the caller's transaction."""
    db.session.execute(INSERT_NUMBER[db.engine.dialect.name].values(number=phone, changed_at=utcnow()))


def _opt_out(phone: str, stop: bool) -> bool:
    """Record the number's STOP (stop) or START: a conditional update, so two replies at once confirm once; the
    accounts with the number have their texted reminders queued again as that now says. True when it changed."""
    with unit_of_work():
        if stop:
            ensure_number(phone)
        now = utcnow()
        changed = db.session.scalar(
            update(SmsNumber)
            .where(
                SmsNumber.number == phone,
                SmsNumber.opted_out_at.is_(None) if stop else SmsNumber.opted_out_at.is_not(None),
            )
            .values(opted_out_at=now if stop else None, changed_at=now)
            .returning(SmsNumber.number)
            .execution_options(synchronize_session=False)
        )
        if changed is not None:
            for user in db.session.scalars(select(User).where(User.phone == phone)):
                news.publish(news.RemindersRedone.of(user))
    return changed is not None
