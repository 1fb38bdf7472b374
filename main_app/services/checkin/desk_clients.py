"""The desk's client lookup: the studio's clients (people who booked one of its classes or hold one of its passes,
never the platform's other users) whose name, name in another script, email or phone starts with what the desk
typed, each with the passes of this studio they can book with now.

The desk reads the accounts' own names (users.name and users.other_name, as each person gave them): the CRM's client
book holds a copy of the same two, and asking it at every keystroke would tie the desk to the CRM being up. Names are
compared in NFC (written when stored, and the typed text here), ASCII letters in any case on both databases.
"""

import re
import unicodedata

from sqlalchemy import exists, func, or_, select

from main_app.services.common import written_name
from main_app.services.studios import Staff

from ...extensions import db
from ...models import PASS_ACTIVE, ROLE_USER, Booking, Event, EventSession, ImportedClient, Pass, User, utcnow

MIN_TYPED = 2
NATIONAL_TYPED = 5
NAMES = (User.name, User.other_name)


def _prefix(text: str) -> str:
    """text as a LIKE prefix pattern, its own % and _ taken literally (escaped with backslash)."""
    return re.sub(r"([\\%_])", r"\\\1", text) + "%"


def _matches(typed: str):
    """The condition on a user: a word of one of their names, their email or their phone starts with typed."""
    words = _prefix(written_name(typed).lower())
    names = [func.lower(name).like(start, escape="\\") for name in NAMES for start in (words, "% " + words)]
    found = [*names, func.lower(User.email).like(words, escape="\\")]
    # Any script's digits as ASCII (९८१ as 981), as phones are kept.
    digits = "".join(str(unicodedata.decimal(char, char)) for char in re.sub(r"[\s().-]", "", typed)).lstrip("+")
    # Phones are kept in E.164: typed with the country code (with or without its +), or the national number (from
    # its 0 or without), found inside once long enough not to match half the studio.
    if len(digits) >= MIN_TYPED and digits.isdigit():
        found.append(User.phone.like(f"+{digits}%"))
    if len(digits.lstrip("0")) >= NATIONAL_TYPED and digits.isdigit():
        found.append(User.phone.like(f"%{digits.lstrip('0')}%"))
    return or_(*found)


def known_to(studio_id: int):
    """The condition on a user: booked one of the studio's classes, holds one of its passes, or an import of the
    studio's brought them."""
    booked = (
        select(Booking.id)
        .join(EventSession, EventSession.id == Booking.session_id)
        .join(Event, Event.id == EventSession.event_id)
        .where(Booking.user_id == User.id, Event.studio_id == studio_id)
    )
    held = select(Pass.id).where(Pass.user_id == User.id, Pass.studio_id == studio_id)
    imported = select(ImportedClient.user_id).where(
        ImportedClient.studio_id == studio_id, ImportedClient.user_id == User.id
    )
    return or_(exists(booked), exists(held), exists(imported))


def find_clients(staff: Staff, typed: str, limit: int) -> dict:
    """{"items": the studio's clients matching typed (by name, then id; at most limit), "more": whether others
    match}; each {"id", "name", "other_name", "email", "phone", "passes": their passes of this studio good to book
    with now}."""
    studio_id = staff.studio.id
    people = db.session.execute(
        select(User.id, User.name, User.other_name, User.email, User.phone)
        .where(User.role == ROLE_USER, _matches(typed.strip()), known_to(studio_id))
        .order_by(_by_name(), User.id)
        .limit(limit + 1)
    ).all()
    shown = people[:limit]
    passes = _usable_passes(studio_id, [person.id for person in shown])
    items = [{**person._asdict(), "passes": passes.get(person.id, [])} for person in shown]
    return {"items": items, "more": len(people) > limit}


def _by_name():
    """The order by name, by code point on both databases (SQLite's own; PostgreSQL's would follow its locale):
    Latin names first, then Devanagari in the order of Hindi dictionaries, as the CRM's client book lists them."""
    name = func.lower(User.name)
    return name.collate("C") if db.engine.dialect.name == "postgresql" else name


def _usable_passes(studio_id: int, user_ids: list[int]) -> dict[int, list[dict]]:
    """Each person's active passes of the studio, not ended and with credits left (a membership has none to count),
    the soonest to end first."""
    if not user_ids:
        return {}
    now = utcnow()
    rows = db.session.execute(
        select(Pass.id, Pass.user_id, Pass.name, Pass.kind, Pass.credits_left, Pass.valid_until)
        .where(
            Pass.studio_id == studio_id,
            Pass.user_id.in_(user_ids),
            Pass.status == PASS_ACTIVE,
            or_(Pass.valid_until.is_(None), Pass.valid_until > now),
            or_(Pass.credits_left.is_(None), Pass.credits_left > 0),
            or_(Pass.valid_from.is_(None), Pass.valid_from <= now),
        )
        .order_by(Pass.valid_until.is_(None), Pass.valid_until, Pass.id)
    )
    found: dict[int, list[dict]] = {}
    for row in rows:
        found.setdefault(row.user_id, []).append(
            {"id": row.id, "name": row.name, "kind": row.kind, "credits_left": row.credits_left,
             "valid_until": row.valid_until}
        )  # fmt: skip
    return found
