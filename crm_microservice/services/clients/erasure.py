"""A person erased their account (person_erased, from the main API through its outbox): what the client book holds
of them, in every studio, is taken out in the transaction that stores the notification. Their client rows keep
their figures (the studios' counts stay right) without names, email or phone; staff notes about them are deleted;
their notifications keep what happened, with their name, email and phone replaced, and the words of their WhatsApp
conversations with the studios taken out (as notes are). The guests they brought are
forgotten as the main API forgets them: the guests' client rows, in the studios the person booked them into, keep
their figures as "Guest" without an email, and the person's notifications name them no more."""

from collections.abc import Callable

import sqlalchemy as sa

from ...extensions import db
from ...models import Client, ClientNote, Notification
from .names import sort_key

ERASED = "person_erased"
ERASED_NAME = "Deleted account"
GUEST_NAME = "Guest"  # as the main API names the guests of an erased booker
# A WhatsApp conversation: the person's message and staff's answer, their words in data.text.
WHATSAPP_TYPES = ("whatsapp_received", "whatsapp_answered")
FORGOTTEN = ("other_name", "email", "guest_email", "phone", "phone_digits")


def erasure(record: dict) -> Callable[[], None] | None:
    """What a person_erased notification writes; None for any other, or one naming no account."""
    if record["type"] != ERASED or record["user_id"] is None:
        return None
    return lambda: erase(record["user_id"])


def erase(user_id: int) -> None:
    """Take the person's names, email, phone and the notes about them out of the client book, and their guests'."""
    notes = db.session.scalars(sa.select(Notification).where(Notification.user_id == user_id)).all()
    people = db.session.scalars(sa.select(Client).where(Client.user_id == user_id)).all()
    brought = _guests_in(notes)
    guests = db.session.scalars(
        sa.select(Client).where(Client.user_id.is_(None), sa.tuple_(Client.studio_id, Client.guest_email).in_(brought))
    ).all() if brought else []  # fmt: skip
    # Longest first when replacing: a name inside an email goes with the email.
    texts = {text: GUEST_NAME for guest in guests for text in (guest.name, guest.email, guest.guest_email) if text}
    texts |= {text: GUEST_NAME for note in notes for text in _guest_texts(note.data)}
    said = ("name", "other_name", "email", "phone")
    texts |= {text: ERASED_NAME for person in people for text in (getattr(person, key) for key in said) if text}
    forget([person.id for person in people], ERASED_NAME)
    forget([guest.id for guest in guests], GUEST_NAME)
    for note in notes:
        names = texts | {text: ERASED_NAME for text in (note.user_name, note.user_email) if text}
        note.user_name, note.user_email = ERASED_NAME, None
        note.message, note.data = replaced(note.message, names), replaced(_without_guests(note.data), names)
        if note.type in WHATSAPP_TYPES and isinstance(note.data, dict):
            note.data = {**note.data, "text": None}


def forget(ids: list[int], name: str) -> None:
    """The client rows keep their figures under name, with no email or phone and no staff notes."""
    if not ids:
        return
    db.session.execute(sa.delete(ClientNote).where(ClientNote.client_id.in_(ids)))
    db.session.execute(
        sa.update(Client)
        .where(Client.id.in_(ids))
        .values(name=name, name_key=sort_key(name), **dict.fromkeys(FORGOTTEN))
        .execution_options(synchronize_session=False)
    )


def _guest_entries(data) -> list[dict]:
    """The guests a notification's data names: a booking's (guests) and one given back (guest)."""
    if not isinstance(data, dict):
        return []
    entries = [*(data.get("guests") if isinstance(data.get("guests"), list) else ()), data.get("guest")]
    return [entry for entry in entries if isinstance(entry, dict)]


def _guest_texts(data) -> set[str]:
    """The names and emails of the guests a notification's data names."""
    return {
        entry[key] for entry in _guest_entries(data) for key in ("name", "email") if isinstance(entry.get(key), str)
    }


def _guests_in(notes) -> list[tuple[int, str]]:
    """(studio, lower-cased email) of every guest the notifications name with an email: their client rows' keys."""
    return sorted(
        {
            (note.studio_id, entry["email"].lower())
            for note in notes
            if note.studio_id is not None
            for entry in _guest_entries(note.data)
            if isinstance(entry.get("email"), str)
        }
    )


def _without_guests(data):
    """data with each guest it names as the main API leaves an erased booker's guest: "Guest", no email."""
    if not _guest_entries(data):
        return data
    data = dict(data)
    if isinstance(data.get("guests"), list):
        data["guests"] = [_forgotten(entry) for entry in data["guests"]]
    if isinstance(data.get("guest"), dict):
        data["guest"] = _forgotten(data["guest"])
    return data


def _forgotten(entry):
    """A guest's entry as "Guest" without an email (anything else as it is)."""
    return {**entry, "name": GUEST_NAME, "email": None} if isinstance(entry, dict) else entry


def replaced(value, names: dict[str, str]):
    """value with each of names replaced by what stands in for it (longest first) in every string inside dicts and
    lists."""
    if isinstance(value, str):
        for name in sorted(names, key=len, reverse=True):  # a short one only where it is the whole string
            if len(name) >= 4:
                value = value.replace(name, names[name])
            elif value == name:
                value = names[name]
        return value
    if isinstance(value, dict):
        return {key: replaced(item, names) for key, item in value.items()}
    if isinstance(value, list):
        return [replaced(item, names) for item in value]
    return value
