"""A person's consent to WhatsApp messages: given explicitly (at booking, in the account, at a studio's desk) with the
exact words they were shown, for one number, and withdrawn the same way; each change a new row, none overwritten.
WhatsApp goes to a person only with consent for their number, that number proved (as texts prove it, with a code),
and no STOP from it."""

import unicodedata
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, func, select

from main_app.plumbing import lock
from main_app.services.languages import N_, SUPPORTED, gettext, speaking, spoken_language
from service_kit.errors import ValidationFailed

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import User, WhatsappConsent, WhatsappNumber, WhatsappNumberChange, WhatsappWindow, utcnow
from .numbers import stopped

SOURCES = ("booking", "account", "desk")
# The words a person agrees to; the catalogue holds them in every language, and the row keeps them as shown.
WORDING = N_(
    "Send me messages about my bookings on WhatsApp at %(number)s: confirmations, changes, reminders and replies "
    "from my studio. I can stop them at any time by replying STOP."
)


def consent_wording(number: str, language: str | None) -> str:
    """The words of the opt-in for number, in language (English for one we do not speak)."""
    with speaking(language):
        return gettext(WORDING, number=number)


def _same(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def shown_language(wording: str, number: str) -> str | None:
    """The language whose opt-in words for number are wording (spaces aside), None when no language's are."""
    return next(
        (language for language in SUPPORTED if _same(consent_wording(number, language)) == _same(wording)), None
    )


def newest(user_id: int) -> WhatsappConsent | None:
    """The person's consent as it stands: their newest change, None when they never gave nor withdrew one."""
    query = select(WhatsappConsent).where(WhatsappConsent.user_id == user_id)
    return db.session.scalar(query.order_by(WhatsappConsent.id.desc()).limit(1))


def history(user_id: int) -> list[WhatsappConsent]:
    """Every change of the person's consent, newest first."""
    query = select(WhatsappConsent).where(WhatsappConsent.user_id == user_id).order_by(WhatsappConsent.id.desc())
    return list(db.session.scalars(query))


def _source(source: str) -> str:
    if source not in SOURCES:
        raise ValidationFailed(
            "Invalid input: source.", details={"source": [gettext("One of %(choices)s.", choices=", ".join(SOURCES))]}
        )
    return source


def opt_in(user, source: str, wording: str, *, studio_id=None, recorded_by=None, at: datetime | None = None) -> bool:
    """Record the person's opt-in for their number, with the words they were shown (one of the catalogue's, in any
    language: 400 naming wording otherwise; 409 no_phone without a number). True when it changed their consent (an
    opt-in for the number they already consented for adds nothing). Under the account's lock: two at once add one."""
    _source(source)
    with unit_of_work():
        lock(User, [user.id])
        person = db.session.get(User, user.id, populate_existing=True)
        if not person.phone:
            raise api_error("no_phone")
        language = shown_language(wording, person.phone)
        if language is None:
            message = gettext("Not the words we show for this number: load them again and show them as they are.")
            raise ValidationFailed("Invalid input: wording.", details={"wording": [message]})
        current = newest(person.id)
        if current is not None and current.opted_in and current.number == person.phone:
            return False
        words = consent_wording(person.phone, language)
        _add(person.id, person.phone, True, source, words, language, studio_id, recorded_by, at)
    return True


def opt_out(user, source: str, *, studio_id=None, recorded_by=None, at: datetime | None = None) -> bool:
    """Record the person's withdrawal of their consent; True when they had one to withdraw."""
    _source(source)
    with unit_of_work():
        lock(User, [user.id])
        current = newest(user.id)
        if current is None or not current.opted_in:
            return False
        _add(user.id, current.number, False, source, None, None, studio_id, recorded_by, at)
    return True


def _add(user_id, number, opted_in, source, wording, language, studio_id, recorded_by, at) -> None:
    db.session.add(
        WhatsappConsent(
            user_id=user_id, number=number, opted_in=opted_in, source=source, wording=wording, language=language,
            studio_id=studio_id, recorded_by=recorded_by, at=at or utcnow(),
        )
    )  # fmt: skip


def _wanted(user, row) -> bool:
    """Whether a consent row (with its number's stop) lets WhatsApp go to the account now."""
    proved = getattr(user, "phone", None) and getattr(user, "phone_verified_at", None) is not None
    return bool(proved and row is not None and row.opted_in and row.number == user.phone and row.stopped_at is None)


def _with_stops():
    """Consent rows with their number's stop."""
    columns = (WhatsappConsent.user_id, WhatsappConsent.opted_in, WhatsappConsent.number, WhatsappNumber.stopped_at)
    return select(*columns).outerjoin(WhatsappNumber, WhatsappNumber.number == WhatsappConsent.number)


def wants_whatsapp(user) -> bool:
    """True for an account whose newest consent is an opt-in for its number, that number proved and not stopped (one
    query)."""
    if not (getattr(user, "phone", None) and getattr(user, "phone_verified_at", None)):
        return False
    query = _with_stops().where(WhatsappConsent.user_id == user.id)
    return _wanted(user, db.session.execute(query.order_by(WhatsappConsent.id.desc()).limit(1)).first())


def wanting_whatsapp(users: Iterable) -> set[int]:
    """The ids of those of users (accounts) wants_whatsapp would say yes to, in one query however many."""
    users = {user.id: user for user in users if getattr(user, "phone", None)}
    if not users:
        return set()
    latest = select(func.max(WhatsappConsent.id)).where(WhatsappConsent.user_id.in_(users))
    rows = db.session.execute(_with_stops().where(WhatsappConsent.id.in_(latest.group_by(WhatsappConsent.user_id))))
    return {row.user_id for row in rows if _wanted(users[row.user_id], row)}


def forget(user_id: int, phone: str | None) -> None:
    """Erase the person's WhatsApp records in the caller's transaction (their account is being erased): their
    consents, and the stop, its record and the windows of each number they gave."""
    numbers = set(db.session.scalars(select(WhatsappConsent.number).where(WhatsappConsent.user_id == user_id)))
    numbers |= {phone} if phone else set()
    db.session.execute(delete(WhatsappConsent).where(WhatsappConsent.user_id == user_id))
    for model in (WhatsappNumber, WhatsappNumberChange, WhatsappWindow):
        db.session.execute(delete(model).where(model.number.in_(numbers)))


def document(user) -> dict:
    """The person's WhatsApp as they see it: whether they opted in for their number, the number proved, stopped or
    reached now, the words to show for an opt-in (in the request's language), and their consent's history."""
    current = newest(user.id)
    phone = user.phone
    return {
        "opted_in": bool(current and current.opted_in and current.number == phone),
        "number": current.number if current is not None and current.opted_in else None,
        "phone": phone,
        "phone_verified": bool(phone and user.phone_verified_at),
        "stopped": stopped(phone),
        "active": wants_whatsapp(user),
        "wording": gettext(WORDING, number=phone) if phone else None,
        "wording_language": spoken_language(),
        "history": history(user.id),
    }
