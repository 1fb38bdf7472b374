"""What a number's messages to us change: every message opens that number's 24-hour window with the business number
it wrote to, and a STOP (or START) alone stops (or restarts) WhatsApp messages to the number at once, whichever
accounts give it. Both are single statements, so two messages at once never undo each other."""

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite

from main_app.services.languages import N_, gettext, speaking

from ...database import unit_of_work
from ...extensions import db
from ...models import User, WhatsappNumber, WhatsappNumberChange, WhatsappWindow, utcnow
from .keywords import STOP, keyword

# Meta's customer service window: free-form messages may answer a person for 24 hours after their last message.
WINDOW = timedelta(hours=24)
E164 = re.compile(r"\+[1-9]\d{1,14}")
INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
STOPPED = N_("You will get no more WhatsApp messages from us. Reply START to get them again.")
STARTED = N_("WhatsApp messages from us are on again, as you had them. Reply STOP to end them.")


@dataclass(frozen=True)
class Received:
    """What an inbound message did: its number (E.164, None when the sender is not a phone number), stop or start
    when it was a keyword, whether that changed the number's state, the confirmation to send back (once, when it
    changed something; in the keyword's language), and the accounts that give the number."""

    number: str | None
    action: str | None = None
    changed: bool = False
    reply: str | None = None
    user_ids: tuple[int, ...] = field(default=())


def whatsapp_number(sender: str | None) -> str | None:
    """A webhook's sender as E.164: WhatsApp gives the digits without the + (919812345678); None for anything else."""
    number = (sender or "").strip()
    number = number if number.startswith("+") else f"+{number}"
    return number if E164.fullmatch(number) else None


def stopped(number: str | None) -> bool:
    """True when number sent STOP (and not START since)."""
    if not number:
        return False
    return db.session.scalar(select(WhatsappNumber.stopped_at).where(WhatsappNumber.number == number)) is not None


def receive(sender: str, business_number_id: str, text: str | None, at: datetime | None = None) -> Received:
    """Apply one inbound message (the webhook's): open its window, then a STOP or START alone changes the number's
    state; in one transaction (the caller's, when it has one)."""
    number = whatsapp_number(sender)
    if number is None:
        return Received(None)  # not a phone number of anyone's: no window and no state of ours to change
    at = at or utcnow()
    asked = keyword(text)
    with unit_of_work():
        _note_inbound(number, business_number_id, at)
        if asked is None:
            return Received(number)
        action, language = asked
        changed = _change(number, action == STOP, business_number_id, text or "", at)
        users = tuple(db.session.scalars(select(User.id).where(User.phone == number).order_by(User.id)))
        reply = _confirmation(action, language, users) if changed else None
    return Received(number, action, changed, reply, users)


def _note_inbound(number: str, business_number_id: str, at: datetime) -> None:
    """Move the window's last message to at, never back (webhooks may come out of order): one upsert."""
    insert = INSERTS[db.engine.dialect.name](WhatsappWindow.__table__)
    db.session.execute(
        insert.values(number=number, business_number_id=business_number_id, last_inbound_at=at).on_conflict_do_update(
            index_elements=["number", "business_number_id"],
            set_={"last_inbound_at": insert.excluded.last_inbound_at},
            where=WhatsappWindow.__table__.c.last_inbound_at < insert.excluded.last_inbound_at,
        )
    )


def _change(number: str, stop: bool, business_number_id: str, text: str, at: datetime) -> bool:
    """Record the number's STOP (stop) or START as one conditional update, with its record kept; True when it
    changed (two STOPs at once: one changes, the other finds it done)."""
    if stop:  # the number's row, made on its first STOP (one statement: two at once make one)
        insert = INSERTS[db.engine.dialect.name](WhatsappNumber.__table__)
        db.session.execute(
            insert.values(number=number, changed_at=at).on_conflict_do_nothing(index_elements=["number"])
        )
    changed = db.session.scalar(
        update(WhatsappNumber)
        .where(
            WhatsappNumber.number == number,
            WhatsappNumber.stopped_at.is_(None) if stop else WhatsappNumber.stopped_at.is_not(None),
        )
        .values(stopped_at=at if stop else None, changed_at=at)
        .returning(WhatsappNumber.number)
        .execution_options(synchronize_session=False)
    )
    if changed is None:
        return False
    db.session.add(
        WhatsappNumberChange(
            number=number, stopped=stop, word=text.strip()[:40], business_number_id=business_number_id, at=at
        )
    )
    return True


def _confirmation(action: str, language: str | None, user_ids: tuple[int, ...]) -> str:
    """The confirmation of a change, in the keyword's language (for a word Hindi and Marathi share, or an English
    one, the first account's language with the number, else Hindi or English)."""
    if language in (None, "en"):
        chosen = user_ids and db.session.scalar(select(User.language).where(User.id == user_ids[0]))
        language = chosen or ("hi" if language is None else "en")
    with speaking(language):
        return gettext(STOPPED) if action == STOP else gettext(STARTED)


def window_closes_at(number: str, business_number_id: str) -> datetime | None:
    """When the number's window with the business number closes (or closed); None when it never wrote to it."""
    last = db.session.scalar(
        select(WhatsappWindow.last_inbound_at).where(
            WhatsappWindow.number == number, WhatsappWindow.business_number_id == business_number_id
        )
    )
    return last + WINDOW if last is not None else None


def window_open(number: str, business_number_id: str, now: datetime | None = None) -> bool:
    """Whether a free-form message may go to number from the business number now (within 24 hours of its last
    message there); templates may go whatever this says."""
    closes = window_closes_at(number, business_number_id)
    return closes is not None and (now or utcnow()) < closes
