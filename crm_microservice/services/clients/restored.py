"""A moved studio's client book (client_book_restored, from the main API's studio import through its outbox): each
page's rows written to the studio's book in the transaction that stores the notification, so a repeat writes
nothing. The notification itself keeps how many rows came, never their notes or details."""

from collections.abc import Callable

import sqlalchemy as sa

from ...extensions import db
from ...models import Client, ClientNote, ClientTag
from ...schemas import RestoredBookSchema
from .names import sort_key, written
from .search import digits_of
from .statements import INSERTS

RESTORED = "client_book_restored"
PAGE = RestoredBookSchema()


def restoration(record: dict) -> Callable[[], None] | None:
    """What a client_book_restored notification writes; None for any other (marshmallow's ValidationError for a
    page that is not one). Its rows leave the record: they are the book's, not the notification's."""
    if record["type"] != RESTORED or record["studio_id"] is None:
        return None
    page = PAGE.load(record["data"] if isinstance(record["data"], dict) else {})
    record["data"] = {"file": page["file"], "rows": len(page["rows"])}
    write = {"client_book": _clients, "client_notes": _notes, "client_tags": _tags}[page["file"]]
    return lambda: write(record["studio_id"], page)


def _client_id(studio_id: int, row: dict) -> int:
    """The book's row of the client a row names: found (a guest's details filled in where it has none yet: pages
    may arrive in any order), or made (an account's details come with client_imported; a guest's with the row)."""
    if row.get("user_id") is not None:
        key = {"studio_id": studio_id, "user_id": row["user_id"]}
    else:
        key = {"studio_id": studio_id, "guest_email": row["guest_email"].lower()}
    details = {name: row.get(name) for name in ("name", "email", "phone") if row.get(name) is not None}
    if details.get("phone"):
        details["phone_digits"] = digits_of(details["phone"])
    if details.get("name"):
        details["name"] = written(details["name"])
        details["name_key"] = sort_key(details["name"])
    insert = INSERTS[db.engine.dialect.name](Client.__table__).values(**key, **details)
    db.session.execute(insert.on_conflict_do_nothing())
    found = db.session.scalar(sa.select(Client.id).filter_by(**key))
    if details:
        filled = {name: sa.func.coalesce(getattr(Client, name), value) for name, value in details.items()}
        db.session.execute(
            sa.update(Client).where(Client.id == found).values(**filled).execution_options(synchronize_session=False)
        )
    return found


def _clients(studio_id: int, page: dict) -> None:
    """Each client in the book, with the marketing consent they gave or refused there (unless given here since)."""
    for row in page["rows"]:
        client_id = _client_id(studio_id, row)
        if row.get("marketing_consent") is None:
            continue
        consent = {name: row.get(name) for name in ("marketing_consent", "consent_at", "consent_how")}
        db.session.execute(
            sa.update(Client)
            .where(Client.id == client_id, Client.marketing_consent.is_(None))
            .values(**consent)
            .execution_options(synchronize_session=False)
        )


def _notes(studio_id: int, page: dict) -> None:
    """The staff's notes, each under the owner who imported it, by its author's name there."""
    for row in page["rows"]:
        note = ClientNote(client_id=_client_id(studio_id, row), author_id=page["author_id"], text=row["text"])
        note.author_name, note.created_at, note.edited_at = (
            row.get("author_name"),
            row["created_at"],
            row.get("edited_at"),
        )
        db.session.add(note)
    db.session.flush()


def _tags(studio_id: int, page: dict) -> None:
    """The clients' tags (one of each per client)."""
    insert = INSERTS[db.engine.dialect.name](ClientTag.__table__)
    for row in page["rows"]:
        values = {"client_id": _client_id(studio_id, row), "studio_id": studio_id, "tag": row["tag"]}
        db.session.execute(insert.values(**values).on_conflict_do_nothing())
