"""Phone numbers and the SMS opt-in: numbers are checked and kept in E.164, texts go only where they are wanted,
and a reply of STOP or START changes that at once."""

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType
from sqlalchemy import select, update

from service_kit.errors import ValidationFailed

from ...database import unit_of_work
from ...extensions import db
from ...models import User
from ..emails import attendee_mail

# The keywords carriers and Twilio treat as opting out and back in (Twilio's defaults), in any case.
STOP_WORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"})
START_WORDS = frozenset({"START", "YES", "UNSTOP", "OPTIN"})
STOPPED = "You will get no more texts from Sessions & Retreats. Reply START to get them again."
STARTED = "Texts from Sessions & Retreats are on again. Reply STOP to end them."

# What a text can reach: a landline, a toll-free or a premium number cannot take one.
TEXTABLE = {
    PhoneNumberType.MOBILE,
    PhoneNumberType.FIXED_LINE_OR_MOBILE,
    PhoneNumberType.PERSONAL_NUMBER,
    PhoneNumberType.VOIP,
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
    """Change the phone (E.164, or None to remove it) and/or the SMS opt-in; removing the phone ends texts."""
    phone = changes.get("phone", user.phone)
    sms_enabled = changes.get("sms_enabled", user.sms_enabled) and phone is not None
    if "sms_enabled" in changes:
        refuse_sms_without_phone(phone, changes["sms_enabled"])
    if (phone, sms_enabled) == (user.phone, user.sms_enabled):
        return user
    with unit_of_work():
        user = db.session.get(User, user.id)
        user.phone, user.sms_enabled = phone, sms_enabled
        db.session.flush()
        attendee_mail.reschedule_reminders(user)  # texted reminders follow the number and the choice
    db.session.refresh(user)
    return user


def reply_to(sender: str, body: str) -> str | None:
    """Apply a person's reply from sender (E.164): STOP turns their texts off, START back on; the confirmation to
    send back, once, when it changed something (None: nothing to say)."""
    word = body.strip().upper()
    if word in STOP_WORDS:
        return STOPPED if _set_texts(sender, False) else None
    if word in START_WORDS:
        return STARTED if _set_texts(sender, True) else None
    return None


def _set_texts(phone: str, enabled: bool) -> bool:
    """Turn texts on or off for every account with this number whose choice differs (a conditional update, so two
    replies at once confirm once); their reminders follow. True when any changed."""
    with unit_of_work():
        changed = db.session.scalars(
            update(User)
            .where(User.phone == phone, User.sms_enabled != enabled)
            .values(sms_enabled=enabled)
            .returning(User.id)
            .execution_options(synchronize_session=False)
        ).all()
        for user in db.session.scalars(select(User).where(User.id.in_(changed))):
            attendee_mail.reschedule_reminders(user)
    return bool(changed)
