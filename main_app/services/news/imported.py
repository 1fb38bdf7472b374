"""The records of a client and of a booking brought in by a studio's import, and their channels: the CRM, and a
booking's reminders (no confirmation: the studio tells its clients of the move itself; an imported account is
claimed through "Forgot your password")."""

from dataclasses import dataclass

from main_app.services.crm import message_row, user_registered_row

from ...models import Pass, User, utcnow
from .pass_mail import crm_row, pass_summary
from .records import Booked


@dataclass(frozen=True)
class ClientImported:
    """A client of studio_id brought in by an import (made: their account was made by it), with the pass balance
    it opened, if any."""

    user: User
    studio_id: int
    made: bool
    opened: Pass | None = None
    batch_id: str | None = None  # the import's: its messages are one entry of the studio's inbox


@dataclass(frozen=True)
class BookingImported(Booked):
    """A seat of an upcoming class brought in by a studio's import of its clients' bookings (paid in the system it
    leaves): the CRM hears of it and its reminders go; no confirmation, the studio tells its clients itself."""


@dataclass(frozen=True)
class BookRestored:
    """A page of a moved studio's client book (file: client_book, client_notes or client_tags), each row naming its
    client by account (user_id) or a guest's email; author_id: the owner who imported it, the notes' author here."""

    studio_id: int
    author_id: int
    file: str
    rows: list[dict]


def crm_book_restored(news: BookRestored) -> list[dict]:
    """client_book_restored: the page, for the CRM to write into the studio's book."""
    payload = {"timestamp": utcnow().isoformat(), "user_id": None, "studio_id": news.studio_id}
    payload["data"] = {"file": news.file, "rows": news.rows, "author_id": news.author_id}
    what = {"client_book": "clients", "client_notes": "notes", "client_tags": "tags"}[news.file]
    payload["message"] = f"{len(news.rows)} {what} of the client book came in with a studio import"
    return [message_row("client_book_restored", payload)]


def crm_client_imported(news: ClientImported) -> list[dict]:
    """user_registered (a new account), client_imported, and the opening balance as a pass_purchased at no price."""
    user, opened = news.user, news.opened
    rows = [user_registered_row(user)] if news.made else []
    person = {"id": user.id, "name": user.name, "email": user.email, **({"phone": user.phone} if user.phone else {})}
    payload = {"timestamp": utcnow().isoformat(), "user_id": user.id, "studio_id": news.studio_id}
    batch = {"batch_id": news.batch_id} if news.batch_id else {}
    payload["data"] = {"user": person, **batch}
    rows.append(message_row("client_imported", payload | {"message": f"{user.name} came in with an import"}))
    if opened is not None:
        data = {**pass_summary(opened), "price": 0, "currency": opened.currency, "imported": True, **batch}
        rows.append(
            crm_row("pass_purchased", user, opened, f"{user.name}'s {opened.name} came in with an import", data)
        )
    return rows
