"""Texts to the people who book, written to the outbox (channel "sms") in the caller's transaction, never committed
here, and only to a number its account proved (a code texted to it came back), with texts on, that has not replied
STOP; the SMS lane checks all three again when it sends."""

from datetime import datetime

from sqlalchemy import select

from main_app.delivery import outbox_row

from ...extensions import db
from ...models import CHANNEL_SMS, OutboxMessage, SmsNumber
from .compose import OWN_TEXTS, PASS_TEXTS, TEXTED_KINDS

PHONE_CODE = "phone_code"  # the kind of the text carrying a one-time code


def opted_out(phone: str | None) -> bool:
    """True when phone replied STOP (and not START since), whichever account gave it."""
    if not phone:
        return False
    return db.session.scalar(select(SmsNumber.opted_out_at).where(SmsNumber.number == phone)) is not None


def wants_texts(user) -> bool:
    """True for an account with a proved mobile number, texts on, and a number that has not replied STOP."""
    if not (getattr(user, "sms_enabled", False) and getattr(user, "phone", None)):
        return False
    return getattr(user, "phone_verified_at", None) is not None and not opted_out(user.phone)


def text_row(kind: str, user, snapshot: dict, *, booking_id: int | None = None, send_at: datetime | None = None):
    """The outbox row of one text about snapshot to user's number (the email snapshot's "to" replaced)."""
    to = {"user_id": user.id, "name": user.name, "phone": user.phone}
    return outbox_row(
        CHANNEL_SMS, kind, {"kind": kind, "snapshot": {**snapshot, "to": to}}, booking_id=booking_id, send_at=send_at
    )


def text_code(user, verification, minutes: int) -> None:
    """Queue the text carrying a verification's code to the number it proves (what derives the code, not the code)."""
    snapshot = {"verification": {"id": verification.id, "nonce": verification.nonce, "minutes": minutes}}
    # Written here, not through news: a secret that proves a number goes to that number alone, never to a channel.
    db.session.add(OutboxMessage(**text_row(PHONE_CODE, user, snapshot)))


def text_rows(kind: str, user, snapshot: dict, *, booking_id: int | None = None, send_at=None) -> list[dict]:
    """The row of the text of this news to user, due at send_at or now: only for a kind a text says (compose.TEXTS,
    PASS_TEXTS, OWN_TEXTS; a cancellation only when the organiser cancelled) and a person with texts on."""
    if kind not in TEXTED_KINDS and kind not in PASS_TEXTS and kind not in OWN_TEXTS:
        return []
    if kind == "booking_cancelled" and snapshot.get("by") != "facilitator":  # the person knows: they cancelled
        return []
    if not wants_texts(user):
        return []
    return [text_row(kind, user, snapshot, booking_id=booking_id, send_at=send_at)]
