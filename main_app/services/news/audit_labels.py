"""The audit log's words for what an entry names: its object ("Nisha Rao · Morning Flow · 3 Dec 07:00", "Asha Rao
(instructor)") and the ids in its before and after, read when the entry is written and kept with it, so the log
says what the action touched then, whatever is renamed or removed later."""

from zoneinfo import ZoneInfo

from sqlalchemy import select

from ...extensions import db
from ...models import (
    Booking,
    DiscountCode,
    Event,
    EventSession,
    Pass,
    PassProduct,
    Payment,
    Studio,
    StudioInvitation,
    StudioMember,
    User,
)

SEP = " · "
# The ids a before or after may hold, and the kind of object each names.
ID_KINDS = {
    "session_id": "session",
    "user_id": "user",
    "pass_id": "pass",
    "booking_id": "booking",
    "product_id": "pass_product",
    "instructor_id": "user",
    "event_id": "event",
}


def _when(starts_at, timezone: str) -> str:
    """ "3 Dec 07:00" on the event's clock."""
    local = starts_at.astimezone(ZoneInfo(timezone))
    return f"{local.day} {local:%b %H:%M}"


def _session(session_id: int, _studio_id: int) -> str | None:
    row = db.session.execute(
        select(Event.title, Event.timezone, EventSession.starts_at)
        .join(Event, Event.id == EventSession.event_id)
        .where(EventSession.id == session_id)
    ).first()
    return row and f"{row.title}{SEP}{_when(row.starts_at, row.timezone)}"


def _booking(booking_id: int, studio_id: int) -> str | None:
    row = db.session.execute(
        select(Booking.session_id, User.name).join(User, User.id == Booking.user_id).where(Booking.id == booking_id)
    ).first()
    return row and f"{row.name}{SEP}{_session(row.session_id, studio_id)}"


def _user(user_id: int, studio_id: int) -> str | None:
    row = db.session.execute(
        select(User.name, StudioMember.role)
        .outerjoin(StudioMember, (StudioMember.user_id == User.id) & (StudioMember.studio_id == studio_id))
        .where(User.id == user_id)
    ).first()
    if row is None:
        return None
    return f"{row.name} ({row.role.replace('_', ' ')})" if row.role else row.name


def _pass(pass_id: int, _studio_id: int) -> str | None:
    row = db.session.execute(
        select(Pass.name, User.name.label("holder")).join(User, User.id == Pass.user_id).where(Pass.id == pass_id)
    ).first()
    return row and f"{row.name}{SEP}{row.holder}"


def _payment(payment_id: int, studio_id: int) -> str | None:
    row = db.session.execute(select(Payment.booking_id, Payment.pass_id).where(Payment.id == payment_id)).first()
    if row is None:
        return None
    paid_for = _booking(row.booking_id, studio_id) if row.booking_id else _pass(row.pass_id, studio_id)
    return f"Payment for {paid_for}"


def _invitation(invitation_id: int, _studio_id: int) -> str | None:
    row = db.session.execute(
        select(StudioInvitation.email, StudioInvitation.role).where(StudioInvitation.id == invitation_id)
    ).first()
    return row and f"{row.email} ({row.role.replace('_', ' ')})"


def _named(column, key):
    """A labeller reading one column of the row with the id."""
    return lambda object_id, _studio_id: db.session.scalar(select(column).where(key == object_id))


LABELLERS = {
    "session": _session,
    "booking": _booking,
    "user": _user,
    "pass": _pass,
    "payment": _payment,
    "invitation": _invitation,
    "event": _named(Event.title, Event.id),
    "pass_product": _named(PassProduct.name, PassProduct.id),
    "discount_code": _named(DiscountCode.code, DiscountCode.id),
    "studio": _named(Studio.name, Studio.id),
}


def label(object_type: str, object_id: int | None, studio_id: int) -> str | None:
    """The object in words as it is now (in the caller's transaction: one just made is found), or None when there is
    none to name."""
    found = LABELLERS.get(object_type)
    if found is None or object_id is None:
        return None
    text = found(object_id, studio_id)
    return text[:300] if text else None


def _ids(value) -> list:
    """The ids a field holds: itself, or both sides of a change ({"from": 18, "to": 20})."""
    sides = [value.get("from"), value.get("to")] if isinstance(value, dict) else [value]
    return [side for side in sides if isinstance(side, int) and not isinstance(side, bool)]


def id_labels(before: dict | None, after: dict | None, studio_id: int, actor=None) -> dict | None:
    """The ids before and after hold (ID_KINDS; a change's from and to too) in words, by field and id:
    {"instructor_id": {"9": "Ravi Iyer (instructor)", "12": ...}}, and the actor's name as it is now under
    "actor_id" (actor: their account, or None); None when there is nothing to name."""
    found: dict[str, dict[str, str]] = {}
    for values in (before or {}, after or {}):
        for key, kind in ID_KINDS.items():
            for value in _ids(values.get(key)):
                if str(value) in found.get(key, {}):
                    continue
                if text := label(kind, value, studio_id):
                    found.setdefault(key, {})[str(value)] = text
    if actor is not None and getattr(actor, "name", None):
        found["actor_id"] = {str(actor.id): actor.name}
    return found or None
