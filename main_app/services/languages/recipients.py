"""The language each outbox message's person reads, looked up when it is sent (so a choice made after the message
was written still counts): their account's choice, else the language their booking was made in (a guest without an
account reads the booker's), else the studio's default, else English."""

from collections.abc import Callable, Iterable
from dataclasses import replace

from sqlalchemy import select

from main_app.delivery import Claimed

from ...extensions import db
from ...models import Booking, Studio, User
from .choice import DEFAULT_LANGUAGE, supported


def _ids(snapshots: Iterable[dict], part: str, key: str = "id") -> set[int]:
    found = set()
    for snapshot in snapshots:
        value = snapshot.get(part, {}).get(key) if isinstance(snapshot.get(part), dict) else None
        if isinstance(value, int) and not isinstance(value, bool):
            found.add(value)
    return found


def _column(model, column, ids: set[int]) -> dict[int, str | None]:
    if not ids:
        return {}
    return dict(db.session.execute(select(model.id, column).where(model.id.in_(ids))).all())


def _snapshot(message: Claimed) -> dict:
    snapshot = message.payload.get("snapshot") if isinstance(message.payload, dict) else None
    return snapshot if isinstance(snapshot, dict) else {}


def with_languages(batch: list[Claimed], snapshot_of: Callable[[Claimed], dict] = _snapshot) -> list[Claimed]:
    """The claimed messages, each payload with the "language" its person reads now (a lane's prepare, which may
    read the database); snapshot_of: where a message names its person, when not in its payload's snapshot."""
    spoken = languages_of([snapshot_of(message) for message in batch])
    return [
        replace(message, payload={**message.payload, "language": language})
        if isinstance(message.payload, dict)
        else message
        for message, language in zip(batch, spoken, strict=True)
    ]


def languages_of(snapshots: list[dict]) -> list[str]:
    """The language of each snapshot's person ({"to": {"user_id"}} or {"to": {"email"}}, {"booking": {"id"}},
    {"studio": {"id"}}, the parts an outbox snapshot names them by), in four queries at most."""
    people = _column(User, User.language, _ids(snapshots, "to", "user_id"))
    by_email = {_email(snapshot) for snapshot in snapshots if _email(snapshot)}
    if by_email:
        found = db.session.execute(select(User.email, User.language).where(User.email.in_(by_email))).all()
        people |= {email: language for email, language in found}
    bookings = _column(Booking, Booking.language, _ids(snapshots, "booking"))
    studios = _column(Studio, Studio.default_language, _ids(snapshots, "studio"))
    return [_language(snapshot, people, bookings, studios) for snapshot in snapshots]


def _language(snapshot: dict, people: dict, bookings: dict, studios: dict) -> str:
    def of(part: str, found: dict, key: str = "id") -> str | None:
        named = snapshot.get(part)
        value = named.get(key) if isinstance(named, dict) else None
        # Only an id the lookup could hold: a malformed one (a list) is left for composing to reject.
        return supported(found.get(value)) if isinstance(value, int | str) else None

    person = of("to", people, "user_id") or supported(people.get(_email(snapshot)))
    return person or of("booking", bookings) or of("studio", studios) or DEFAULT_LANGUAGE


def _email(snapshot: dict) -> str | None:
    """The address of a snapshot's person named only by it (a welcome, a password reset), else None."""
    to = snapshot.get("to")
    if not isinstance(to, dict) or isinstance(to.get("user_id"), int):
        return None
    return to.get("email") if isinstance(to.get("email"), str) and to.get("email") else None
