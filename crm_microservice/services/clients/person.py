"""What the client book holds about one person, in every studio (GDPR Art. 15 and 20): for the main API's "download
my data", asked with the service token. Their client rows with figures and consent, the tags and notes staff keep,
the rows of the children on their family, and their notifications, oldest first."""

import sqlalchemy as sa

from ...extensions import db
from ...models import Client, ClientNote, ClientTag, Notification

FIGURES = ("bookings", "visits", "no_shows", "late_cancels", "feedback_given", "guest_bookings")
MOST_NOTIFICATIONS = 5_000  # a person's timeline is far shorter; a bound all the same


def _when(value) -> str | None:
    return value.isoformat() if value is not None else None


def _client(client: Client, tags: list[str], notes: list[ClientNote]) -> dict:
    return {
        "studio_id": client.studio_id,
        "client_id": client.id,
        "name": client.name,
        "other_name": client.other_name,
        "email": client.email,
        "phone": client.phone,
        **{name: getattr(client, name) for name in FIGURES},
        "first_visit_at": _when(client.first_visit_at),
        "last_visit_at": _when(client.last_visit_at),
        "marketing_consent": client.marketing_consent,
        "consent_at": _when(client.consent_at),
        "consent_how": client.consent_how,
        "tags": tags,
        "notes": [
            {"text": note.text, "author": note.author_name, "created_at": _when(note.created_at)} for note in notes
        ],
    }


def person_data(user_id: int, children: list[int] = ()) -> dict:
    """{"clients": [...], "children": [...], "notifications": [...]}: everything the client book holds about the
    account, and the client rows of the children on its family (each studio's, while they are children)."""
    clients = db.session.scalars(sa.select(Client).where(Client.user_id == user_id).order_by(Client.id)).all()
    kids = db.session.scalars(
        sa.select(Client).where(Client.dependent_id.in_(children), Client.user_id.is_(None)).order_by(Client.id)
    ).all()
    tags, notes = _tags_and_notes([client.id for client in (*clients, *kids)])
    timeline = db.session.scalars(
        sa.select(Notification)
        .where(Notification.user_id == user_id)
        .order_by(Notification.received_at, Notification.id)
        .limit(MOST_NOTIFICATIONS)
    )
    return {
        "clients": [_client(client, tags.get(client.id, []), notes.get(client.id, [])) for client in clients],
        "children": [
            _client(kid, tags.get(kid.id, []), notes.get(kid.id, [])) | {"dependent_id": kid.dependent_id}
            for kid in kids
        ],
        "notifications": [
            {"type": n.type, "studio_id": n.studio_id, "message": n.message, "occurred_at": _when(n.occurred_at)}
            for n in timeline
        ],
    }


def _tags_and_notes(ids: list[int]) -> tuple[dict, dict]:
    """The clients' tags and notes, each by client id."""
    tags, notes = {}, {}
    if ids:
        for tag in db.session.scalars(sa.select(ClientTag).where(ClientTag.client_id.in_(ids)).order_by(ClientTag.tag)):
            tags.setdefault(tag.client_id, []).append(tag.tag)
        query = sa.select(ClientNote).where(ClientNote.client_id.in_(ids)).order_by(ClientNote.id)
        for note in db.session.scalars(query):
            notes.setdefault(note.client_id, []).append(note)
    return tags, notes
