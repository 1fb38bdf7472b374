"""A person erased their account (person_erased, from the main API through its outbox): what the client book holds
of them, in every studio, is taken out in the transaction that stores the notification. Their client rows keep
their figures (the studios' counts stay right) without name, email or phone; staff notes about them are deleted;
their notifications keep what happened, with their name, email and phone replaced."""

from collections.abc import Callable

import sqlalchemy as sa

from ...extensions import db
from ...models import Client, ClientNote, Notification

ERASED = "person_erased"
ERASED_NAME = "Deleted account"


def erasure(record: dict) -> Callable[[], None] | None:
    """What a person_erased notification writes; None for any other, or one naming no account."""
    if record["type"] != ERASED or record["user_id"] is None:
        return None
    return lambda: erase(record["user_id"])


def erase(user_id: int) -> None:
    """Take the person's name, email, phone and the notes about them out of the client book."""
    clients = db.session.scalars(sa.select(Client).where(Client.user_id == user_id)).all()
    values = {text for client in clients for text in (client.name, client.email, client.phone) if text}
    ids = [client.id for client in clients]
    if ids:
        db.session.execute(sa.delete(ClientNote).where(ClientNote.client_id.in_(ids)))
        db.session.execute(
            sa.update(Client)
            .where(Client.id.in_(ids))
            .values(name=ERASED_NAME, email=None, phone=None, phone_digits=None)
            .execution_options(synchronize_session=False)
        )
    for note in db.session.scalars(sa.select(Notification).where(Notification.user_id == user_id)):
        names = values | {text for text in (note.user_name, note.user_email) if text}
        note.user_name, note.user_email = ERASED_NAME, None
        note.message, note.data = _replaced(note.message, names), _replaced(note.data, names)


def _replaced(value, names: set[str]):
    """value with each of names replaced (longest first) in every string inside dicts and lists."""
    if isinstance(value, str):
        for name in sorted(names, key=len, reverse=True):  # a short one only where it is the whole string
            value = value.replace(name, ERASED_NAME) if len(name) >= 4 else (ERASED_NAME if value == name else value)
        return value
    if isinstance(value, dict):
        return {key: _replaced(item, names) for key, item in value.items()}
    if isinstance(value, list):
        return [_replaced(item, names) for item in value]
    return value
