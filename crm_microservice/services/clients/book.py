"""Reading the client book: a studio's clients page by page, and one client's profile (figures, passes, money, tags,
notes and timeline), scoped to what the reader's role may see."""

import datetime as dt
import math

import sqlalchemy as sa

from service_kit.errors import APIError, NotFound

from ...extensions import db
from ...models import Client, ClientBooking, ClientMoney, ClientNote, ClientPass, ClientTag, Notification
from ...storage import NotificationStore
from .projection import CLIENT_TYPES, MONEY

# What a reader without clients.view (an instructor) does not see of a client's timeline: money.
SPEND_TYPES = frozenset(
    (*MONEY, "refund_failed", "instalment_due", "code_redeemed", "balance_missed", "guest_cancelled")
)
FIGURES = ("bookings", "visits", "no_shows", "late_cancels", "feedback_given", "guest_bookings")


def require_book(store: NotificationStore) -> None:
    """The client book lives in the SQL store; with CRM_STORAGE=json every client-book route answers 501."""
    if not store.keeps_client_book:
        raise APIError(
            "The client book needs the SQL store (CRM_STORAGE=sqlite or a PostgreSQL DATABASE_URL); the JSON file "
            "store keeps notifications only.",
            code="client_book_unavailable",
            status=501,
        )


def visible(book) -> list:
    """The conditions putting a client in the reader's view: their studio's, not merged into another, and for an
    instructor someone booked into a session they teach."""
    conditions = [Client.studio_id == book.studio_id, Client.merged_into_id.is_(None)]
    if not book.sees_all:
        taught = sa.exists().where(
            ClientBooking.studio_id == Client.studio_id,
            ClientBooking.user_id == Client.user_id,
            ClientBooking.instructor_id == book.user_id,
        )
        conditions.append(taught)
    return conditions


def list_clients(book, query: dict) -> dict:
    """One page of the studio's clients, most recently seen first; q matches name or email (a plain substring
    here), tag a tag."""
    conditions = visible(book)
    if query.get("q"):
        pattern = "%" + query["q"].lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(
            sa.or_(
                sa.func.lower(Client.name).like(pattern, escape="\\"),
                sa.func.lower(Client.email).like(pattern, escape="\\"),
                Client.phone.like(pattern, escape="\\"),
            )
        )
    if query.get("tag"):
        tagged = sa.exists().where(ClientTag.client_id == Client.id, ClientTag.tag == query["tag"].lower())
        conditions.append(tagged)
    page, per_page = query["page"], query["per_page"]
    total = db.session.scalar(sa.select(sa.func.count(Client.id)).where(*conditions))
    rows = db.session.scalars(
        sa.select(Client)
        .where(*conditions)
        .order_by(Client.last_seen_at.desc(), Client.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return {
        "items": [summary(client, book) for client in rows],
        "page": page,
        "per_page": per_page,
        "total": total,
        "pages": math.ceil(total / per_page),
    }


def find_client(book, client_id: int) -> Client:
    """The reader's client with this id: another studio's, or one they may not see, is a 404 like an unknown id."""
    client = db.session.scalar(sa.select(Client).where(Client.id == client_id, *visible(book)))
    if client is None:
        raise NotFound(f"No client {client_id} in this studio's client book.")
    return client


def summary(client: Client, book) -> dict:
    """A client as the list shows them."""
    return {
        "id": client.id,
        "user_id": client.user_id,
        "guest": client.user_id is None,
        "name": client.name,
        "email": client.email,
        "phone": client.phone,
        "first_seen_at": client.first_seen_at,
        "last_seen_at": client.last_seen_at,
        "first_visit_at": client.first_visit_at,
        "last_visit_at": client.last_visit_at,
        **{name: getattr(client, name) for name in FIGURES},
    }


def profile(book, client_id: int, page: int, per_page: int, now: dt.datetime) -> dict:
    """One client: their figures (spend only for clients.view), passes, tags, notes and a page of their timeline."""
    client = find_client(book, client_id)
    passes = _passes(client, now)
    figures = summary(client, book) | {
        "bookings_ahead": _bookings_ahead(client, now),
        "active_passes": len(passes["active"]),
        "credits_left": sum(p["credits_left"] or 0 for p in passes["active"] if p["credits_left"] is not None),
        "membership": _membership(passes),
    }
    if book.sees_all:
        figures["money"] = _money(client)
    return {
        **figures,
        "passes": passes["active"] + passes["other"],
        "tags": tags_of(client.id),
        "notes": notes_of(client.id),
        "timeline": timeline(client, book, page, per_page),
    }


def _bookings_ahead(client: Client, now: dt.datetime) -> int:
    if client.user_id is None:
        return 0
    return db.session.scalar(
        sa.select(sa.func.count(ClientBooking.id)).where(
            ClientBooking.studio_id == client.studio_id,
            ClientBooking.user_id == client.user_id,
            ClientBooking.status == "active",
            ClientBooking.starts_at > now,
        )
    )


def _passes(client: Client, now: dt.datetime) -> dict:
    """The client's passes, good ones first: a pass is good while active and not past valid_until."""
    rows = db.session.scalars(
        sa.select(ClientPass)
        .where(ClientPass.studio_id == client.studio_id, ClientPass.user_id == client.user_id)
        .order_by(ClientPass.changed_at.desc(), ClientPass.id.desc())
    ).all()
    found: dict = {"active": [], "other": []}
    for row in rows:
        good = row.status == "active" and (row.valid_until is None or row.valid_until > now)
        found["active" if good else "other"].append(
            {
                "pass_id": row.pass_id,
                "name": row.name,
                "kind": row.kind,
                "credits_left": row.credits_left,
                "valid_until": row.valid_until,
                "status": "active" if good else ("lapsed" if row.status == "lapsed" else "ended"),
            }
        )
    return found


def _membership(passes: dict) -> str:
    """active (a good membership), lapsed or ended (one they had), none."""
    memberships = [p for group in ("active", "other") for p in passes[group] if p["kind"] == "membership"]
    if not memberships:
        return "none"
    if any(p["status"] == "active" for p in memberships):
        return "active"
    return memberships[0]["status"]


def _money(client: Client) -> list[dict]:
    rows = db.session.scalars(
        sa.select(ClientMoney)
        .where(ClientMoney.studio_id == client.studio_id, ClientMoney.user_id == client.user_id)
        .order_by(ClientMoney.currency)
    )
    return [{"currency": row.currency, "spent": row.spent, "refunded": row.refunded} for row in rows]


def tags_of(client_id: int) -> list[str]:
    """The client's tags, alphabetical."""
    return list(db.session.scalars(sa.select(ClientTag.tag).where(ClientTag.client_id == client_id).order_by("tag")))


def notes_of(client_id: int) -> list[dict]:
    """The staff's notes on the client, newest first."""
    rows = db.session.scalars(
        sa.select(ClientNote)
        .where(ClientNote.client_id == client_id)
        .order_by(ClientNote.created_at.desc(), ClientNote.id.desc())
    )
    return [present_note(row) for row in rows]


def present_note(note: ClientNote) -> dict:
    """A note as the API shows it."""
    return {
        "id": note.id,
        "text": note.text,
        "author": {"id": note.author_id, "name": note.author_name},
        "created_at": note.created_at,
        "edited_at": note.edited_at,
    }


def timeline(client: Client, book, page: int, per_page: int) -> dict:
    """A page of the notifications about the client, newest first (a guest without an account has none: the
    notifications name the booker)."""
    types = CLIENT_TYPES if book.sees_all else CLIENT_TYPES - SPEND_TYPES
    conditions = (
        Notification.studio_id == client.studio_id,
        Notification.user_id == client.user_id,
        Notification.type.in_(sorted(types)),
    )
    if client.user_id is None:
        return {"items": [], "page": page, "per_page": per_page, "total": 0, "pages": 0}
    total = db.session.scalar(sa.select(sa.func.count(Notification.id)).where(*conditions))
    rows = db.session.scalars(
        sa.select(Notification)
        .where(*conditions)
        .order_by(Notification.received_at.desc(), Notification.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    items = [_entry(row) for row in rows]
    return {"items": items, "page": page, "per_page": per_page, "total": total, "pages": math.ceil(total / per_page)}


def _entry(row: Notification) -> dict:
    return {
        "id": row.id,
        "type": row.type,
        "message": row.message,
        "booking_id": row.booking_id,
        "session_id": row.session_id,
        "event_id": row.event_id,
        "event_title": row.event_title,
        "occurred_at": row.occurred_at,
        "received_at": row.received_at,
    }
