"""The door's "who is coming" cards: for the emails of the people booked into a session, each one's client (the one
they were merged into, if so) with the figures of the person, their tags and newest notes, in five statements
whatever their number (the door asked two requests a person before)."""

import sqlalchemy as sa

from ...extensions import db
from ...models import Client, ClientNote, ClientTag
from .book import combined, visible
from .history import present_note

NOTES_ON_A_CARD = 3  # the newest; the client's page has the rest


def cards(book, emails: list[str]) -> dict:
    """A card per email (lower case, each once, in the order given): its client as the reader may see them, or None
    when the book holds nobody the reader may see with that email."""
    wanted = list(dict.fromkeys(email.strip().lower() for email in emails))
    owner_of = _owners(book.studio_id, wanted, {email.strip() for email in emails})
    groups = _groups(book, set(owner_of.values()))
    ids = [client.id for group in groups.values() for client in group]
    tags, notes = _tags(ids), _notes(ids)
    items = []
    for email in wanted:
        group = groups.get(owner_of.get(email))
        if group is None:
            items.append({"email": email, "client": None, "tags": [], "notes": [], "notes_total": 0})
            continue
        own_notes = sorted(
            (note for client in group for note in notes.get(client.id, ())),
            key=lambda note: (note.created_at, note.id),
            reverse=True,
        )
        items.append(
            {
                "email": email,
                "client": combined(group, book),
                "tags": sorted({tag for client in group for tag in tags.get(client.id, ())}),
                "notes": [present_note(note) for note in own_notes[:NOTES_ON_A_CARD]],
                "notes_total": len(own_notes),
            }
        )
    return {"items": items}


def _owners(studio_id: int, wanted: list[str], given: set[str]) -> dict[str, int]:
    """email -> the id of the client it leads to (the one a merged client was merged into), the oldest such client
    when two hold it. Account emails are looked up as given and in lower case (the index on email serves both), a
    guest's by their lower-cased guest_email."""
    rows = db.session.execute(
        sa.select(Client.id, Client.merged_into_id, Client.email, Client.guest_email)
        .where(
            Client.studio_id == studio_id,
            sa.or_(Client.email.in_(sorted(given | set(wanted))), Client.guest_email.in_(wanted)),
        )
        .order_by(Client.id)
    )
    found: dict[str, int] = {}
    for client_id, merged_into_id, email, guest_email in rows:
        for address in {(email or "").lower(), guest_email or ""} & set(wanted):
            found.setdefault(address, merged_into_id or client_id)
    return found


def _groups(book, owner_ids: set[int]) -> dict[int, list]:
    """owner id -> [the client the reader may see, the clients merged into them]."""
    if not owner_ids:
        return {}
    owners = db.session.scalars(sa.select(Client).where(Client.id.in_(sorted(owner_ids)), *visible(book))).all()
    groups = {client.id: [client] for client in owners}
    if groups:
        merged = db.session.scalars(
            sa.select(Client).where(Client.merged_into_id.in_(sorted(groups))).order_by(Client.id)
        )
        for client in merged:
            groups[client.merged_into_id].append(client)
    return groups


def _tags(client_ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    if client_ids:
        for client_id, tag in db.session.execute(
            sa.select(ClientTag.client_id, ClientTag.tag).where(ClientTag.client_id.in_(client_ids))
        ):
            found.setdefault(client_id, []).append(tag)
    return found


def _notes(client_ids: list[int]) -> dict[int, list[ClientNote]]:
    found: dict[int, list[ClientNote]] = {}
    if client_ids:
        for note in db.session.scalars(sa.select(ClientNote).where(ClientNote.client_id.in_(client_ids))):
            found.setdefault(note.client_id, []).append(note)
    return found
