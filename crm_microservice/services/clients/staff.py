"""What staff write in the client book: notes (editable by their author for a day, then kept as written), tags and
marketing consent."""

import datetime as dt

import sqlalchemy as sa

from service_kit.errors import Conflict, Forbidden, NotFound

from ...database import unit_of_work
from ...extensions import db
from ...models import Client, ClientNote, ClientTag
from .book import consent_of, find_client
from .children import refuse_child
from .history import present_note, tags_of
from .statements import INSERTS

EDIT_WINDOW = dt.timedelta(hours=24)


def add_note(book, client_id: int, text: str, now: dt.datetime) -> dict:
    """A new note on the reader's client, by them."""
    client = find_client(book, client_id)
    note = ClientNote(client_id=client.id, author_id=book.user_id, author_name=book.name, text=text, created_at=now)
    with unit_of_work():
        db.session.add(note)
    return present_note(note)


def edit_note(book, client_id: int, note_id: int, text: str, now: dt.datetime) -> dict:
    """Its author's new text for a note written less than EDIT_WINDOW ago: 403 for anyone else, 409 after."""
    client = find_client(book, client_id)
    note = db.session.scalar(sa.select(ClientNote).where(ClientNote.id == note_id, ClientNote.client_id == client.id))
    if note is None:
        raise NotFound(f"No note {note_id} on this client.")
    if note.author_id != book.user_id:
        raise Forbidden("Only the note's author may change it.")
    # One conditional UPDATE: a save that lands after the window, however it was read, changes nothing.
    with unit_of_work():
        changed = db.session.execute(
            sa.update(ClientNote)
            .where(ClientNote.id == note.id, ClientNote.created_at > now - EDIT_WINDOW)
            .values(text=text, edited_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
    if not changed:
        raise Conflict(
            "A note can be changed for 24 hours after it was written; it is now kept as written.", code="note_locked"
        )
    db.session.refresh(note)
    return present_note(note)


def set_tags(book, client_id: int, tags: list[str]) -> dict:
    """The client's tags become exactly these (lower-cased, each once)."""
    client = find_client(book, client_id)
    wanted = sorted({tag.strip().lower() for tag in tags})
    with unit_of_work():
        db.session.execute(sa.delete(ClientTag).where(ClientTag.client_id == client.id, ClientTag.tag.not_in(wanted)))
        if wanted:  # ON CONFLICT DO NOTHING: two saves at once both end with these tags, neither fails
            rows = [{"client_id": client.id, "studio_id": client.studio_id, "tag": tag} for tag in wanted]
            insert = INSERTS[db.engine.dialect.name](ClientTag.__table__)
            db.session.execute(insert.on_conflict_do_nothing(index_elements=["client_id", "tag"]), rows)
    return {"tags": tags_of([client.id])}


def set_consent(book, client_id: int, marketing: bool, how: str, now: dt.datetime) -> dict:
    """Record the client's marketing consent (given or withdrawn), when, how and by whom; 409 for a child, who is
    sent nothing of ours (their guardian's consent is their guardian's)."""
    client = find_client(book, client_id)
    refuse_child(client, "A child is sent no marketing: record the consent on their guardian's client.")
    with unit_of_work():
        db.session.execute(
            sa.update(Client)
            .where(Client.id == client.id)
            .values(marketing_consent=marketing, consent_at=now, consent_how=how, consent_by=book.user_id)
            .execution_options(synchronize_session=False)
        )
    db.session.refresh(client)
    return consent_of(client)
