"""A checked row written: its client found by email or made (an account without a password, claimed through
"Forgot your password"), recorded as the studio's client, and its pass balance opened once. Each insert that two
imports could make at once is one INSERT … ON CONFLICT DO NOTHING, so the second finds the first's row instead."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from main_app.services.bookings import book_imported
from main_app.services.common import NO_PASSWORD
from main_app.services.passes import open_imported

from ...extensions import db
from ...models import ROLE_USER, ImportedClient, PassProduct, Studio, StudioMember, User, utcnow
from .. import news

MADE, FOUND, UNCHANGED, REFUSED = "accounts_made", "clients_found", "unchanged", "refused"
OPENED, BOOKED = "passes_opened", "bookings_made"
DIALECTS = (("postgresql", postgresql.insert), ("sqlite", sqlite.insert))
NEW_ACCOUNT = {
    name: insert(User.__table__).on_conflict_do_nothing(index_elements=["email"]).returning(User.id)
    for name, insert in DIALECTS
}
NEW_CLIENT = {
    name: insert(ImportedClient.__table__)
    .on_conflict_do_nothing(index_elements=["studio_id", "user_id"])
    .returning(ImportedClient.user_id)
    for name, insert in DIALECTS
}


def write_row(studio: Studio, import_id: int, row: dict) -> tuple[str, str | None]:
    """(what the row came to: MADE, FOUND, UNCHANGED or REFUSED, and what else it made: OPENED a pass, BOOKED a
    seat, or None)."""
    person, made = _person(row)
    if person.role != ROLE_USER or person.erased_at is not None or _member(studio.id, person.id):
        return REFUSED, None  # a staff account's email now, or one of the studio's team: never a client's
    joined = _joined(studio.id, person.id, import_id)
    if row.get("session_id") is not None:
        return _booked(studio, person, made, joined, row["session_id"], import_id)
    opened = None
    if row.get("product_id") is not None:
        product = db.session.get(PassProduct, row["product_id"])
        if product is not None and product.studio_id == studio.id:
            opened = open_imported(person, product, row.get("credits"), _end_of(row["ends_on"], studio.timezone))
    if not joined and opened is None:
        return UNCHANGED, None  # the same row imported before: nothing to add
    news.publish(news.ClientImported(person, studio.id, made, opened, batch_id=batch_of(import_id)))
    return (MADE if made else FOUND), (OPENED if opened is not None else None)


def batch_of(import_id: int) -> str:
    """The CRM batch of an import's messages: the studio's inbox shows the import as one entry, not one a client."""
    return f"client-import-{import_id}"


def _booked(studio: Studio, person: User, made: bool, joined: bool, session_id: int, import_id: int):
    """A bookings row's seat taken for its client (told to the CRM as a client first, when new to the studio):
    (what the row came to, what else it made), as write_row."""
    if joined:
        news.publish(news.ClientImported(person, studio.id, made, batch_id=batch_of(import_id)))
    refused = book_imported(person, session_id)
    if refused == "already_booked":
        return (UNCHANGED, None) if not joined else (MADE if made else FOUND, None)
    if refused is not None:
        return REFUSED, None  # the class filled, or was cancelled or began, since the check
    return (MADE if made else FOUND), BOOKED


def _member(studio_id: int, user_id: int) -> bool:
    """Whether the person is one of the studio's team (an owner, a manager, an instructor or the front desk)."""
    found = select(StudioMember.id).where(StudioMember.studio_id == studio_id, StudioMember.user_id == user_id)
    return db.session.scalar(found.limit(1)) is not None


def _person(row: dict) -> tuple[User, bool]:
    """The account with the row's email, or a new one without a password: (user, made)."""
    values = {"name": row["name"], "other_name": row.get("other_name"), "email": row["email"], "role": ROLE_USER}
    values["phone"] = row.get("phone")
    values["password_hash"] = NO_PASSWORD
    made_id = db.session.execute(NEW_ACCOUNT[db.engine.dialect.name].values(**values)).scalar()
    person = db.session.scalar(select(User).where(User.email == row["email"]))
    return person, made_id is not None


def _joined(studio_id: int, user_id: int, import_id: int) -> bool:
    """The person recorded as a client an import brought to the studio: False when one did before."""
    values = {"studio_id": studio_id, "user_id": user_id, "import_id": import_id, "created_at": utcnow()}
    return db.session.execute(NEW_CLIENT[db.engine.dialect.name].values(**values)).first() is not None


def _end_of(day: str, timezone: str) -> datetime:
    """The last moment of a day in the studio's time zone (a pass good until 31 Dec is good all that day)."""
    local = datetime.combine(date.fromisoformat(day) + timedelta(days=1), time(), ZoneInfo(timezone))
    return local - timedelta(microseconds=1)
