"""A client's records beyond their row: bookings ahead, passes, money, tags, notes and timeline, read for one person
or for the clients merged into one (People: a studio and the main API's ids of its accounts)."""

import dataclasses
import datetime as dt
import math

import sqlalchemy as sa

from ...extensions import db
from ...models import ClientBooking, ClientMoney, ClientNote, ClientPass, ClientTag, Notification
from .projection import CLIENT_TYPES, MONEY, WHATSAPP_TYPES

# What a timeline entry shows of a WhatsApp message (whatsapp_received, whatsapp_answered).
WHATSAPP_KEYS = ("text", "stopped", "window_closes_at", "sent_by", "message_id")
# What a reader without clients.view (an instructor) does not see of a client's timeline: money.
SPEND_TYPES = frozenset(
    (*MONEY, "refund_failed", "instalment_due", "code_redeemed", "balance_missed", "guest_cancelled")
)


@dataclasses.dataclass(frozen=True)
class People:
    """Whose records: a studio and the account ids of a client and of those merged into them (a guest has none),
    and the main API's ids of the children among them."""

    studio_id: int
    user_ids: list[int]
    dependent_ids: list[int] = dataclasses.field(default_factory=list)

    def bookings(self):
        """The condition of their bookings' facts: an account's own, and a child's."""
        own = sa.and_(ClientBooking.user_id.in_(self.user_ids), ClientBooking.dependent_id.is_(None))
        return sa.or_(own, ClientBooking.dependent_id.in_(self.dependent_ids)) if self.dependent_ids else own


def bookings_ahead(people: People, now: dt.datetime) -> int:
    """Active bookings of sessions still to start."""
    return db.session.scalar(
        sa.select(sa.func.count(ClientBooking.id)).where(
            ClientBooking.studio_id == people.studio_id,
            people.bookings(),
            ClientBooking.status == "active",
            ClientBooking.starts_at > now,
        )
    )


def passes(people: People, now: dt.datetime) -> dict:
    """The client's passes, good ones first: a pass is good while active and not past valid_until."""
    rows = db.session.scalars(
        sa.select(ClientPass)
        .where(ClientPass.studio_id == people.studio_id, ClientPass.user_id.in_(people.user_ids))
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


def membership(found: dict) -> str:
    """active (a good membership), lapsed or ended (one they had), none."""
    memberships = [p for group in ("active", "other") for p in found[group] if p["kind"] == "membership"]
    if not memberships:
        return "none"
    if any(p["status"] == "active" for p in memberships):
        return "active"
    return memberships[0]["status"]


def money(people: People) -> list[dict]:
    """Lifetime spend and refunds per currency, in minor units."""
    rows = db.session.execute(
        sa.select(ClientMoney.currency, sa.func.sum(ClientMoney.spent), sa.func.sum(ClientMoney.refunded))
        .where(ClientMoney.studio_id == people.studio_id, ClientMoney.user_id.in_(people.user_ids))
        .group_by(ClientMoney.currency)
        .order_by(ClientMoney.currency)
    )
    return [
        {"currency": currency, "spent": int(spent), "refunded": int(refunded)} for currency, spent, refunded in rows
    ]


def tags_of(client_ids: list[int]) -> list[str]:
    """The clients' tags, alphabetical, each once."""
    query = sa.select(ClientTag.tag).where(ClientTag.client_id.in_(client_ids)).distinct().order_by(ClientTag.tag)
    return list(db.session.scalars(query))


def notes_of(client_ids: list[int]) -> list[dict]:
    """The staff's notes on the clients, newest first."""
    rows = db.session.scalars(
        sa.select(ClientNote)
        .where(ClientNote.client_id.in_(client_ids))
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


def timeline(people: People, permissions: frozenset[str], page: int, per_page: int) -> dict:
    """A page of the notifications about these people, newest first (a guest without an account has none: the
    notifications name the booker); without clients.view, none about money; without clients.whatsapp, none of
    their WhatsApp conversation with the studio (an instructor's view)."""
    types = CLIENT_TYPES if "clients.view" in permissions else CLIENT_TYPES - SPEND_TYPES
    if "clients.whatsapp" not in permissions:
        types = types - set(WHATSAPP_TYPES)
    whose = Notification.user_id.in_(people.user_ids)
    if people.dependent_ids:  # a child's (or one grown up): the news of their bookings, whoever booked them
        of_child = sa.select(ClientBooking.booking_id).where(
            ClientBooking.studio_id == people.studio_id,
            sa.or_(ClientBooking.dependent_id.in_(people.dependent_ids), ClientBooking.user_id.in_(people.user_ids)),
        )
        whose = sa.or_(whose, Notification.booking_id.in_(of_child))
    conditions = (Notification.studio_id == people.studio_id, whose, Notification.type.in_(sorted(types)))
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
    entry = {
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
    if row.type in WHATSAPP_TYPES:
        data = row.data if isinstance(row.data, dict) else {}
        entry["whatsapp"] = {key: data.get(key) for key in WHATSAPP_KEYS}
    return entry
