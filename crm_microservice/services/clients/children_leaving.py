"""A child leaving the family's care in the client book, from the main API through its outbox: erased by a guardian
(dependent_erased) their rows keep their figures without a name and the news of their bookings names them no more;
come of age with a login of their own (dependent_grown) their rows become that account's, with their history."""

from collections.abc import Callable

import sqlalchemy as sa

from ...extensions import db
from ...models import Client, ClientBooking, Notification
from .erasure import forget, replaced
from .names import sort_key, written

CHILD_ERASED, CHILD_GROWN = "dependent_erased", "dependent_grown"
ERASED_CHILD = "Deleted child"


def leaving(record: dict, facts: dict) -> Callable[[], None] | None:
    """What a dependent_erased or dependent_grown notification writes; None for any other, or one naming no child
    (or, grown, no account)."""
    child = (facts.get("dependent") or {}).get("id")
    if child is None:
        return None
    if record["type"] == CHILD_ERASED:
        return lambda: erase_child(child)
    if record["type"] == CHILD_GROWN and record["user_id"] is not None:
        return lambda: grow_up(child, record)
    return None


def erase_child(dependent_id: int) -> None:
    """The child's rows in every studio keep their figures under ERASED_CHILD, without notes; the news of their
    bookings no longer names them."""
    children = db.session.scalars(
        sa.select(Client).where(Client.dependent_id == dependent_id, Client.user_id.is_(None))
    ).all()
    names = {child.name: ERASED_CHILD for child in children if child.name and child.name != ERASED_CHILD}
    forget([child.id for child in children], ERASED_CHILD)
    booked = sa.select(ClientBooking.booking_id).where(ClientBooking.dependent_id == dependent_id)
    for note in db.session.scalars(sa.select(Notification).where(Notification.booking_id.in_(booked))):
        data = note.data
        if isinstance(data, dict) and isinstance(data.get("dependent"), dict):
            told = data["dependent"].get("name")
            data = {**data, "dependent": {**data["dependent"], "name": ERASED_CHILD if told else told}}
            names |= {told: ERASED_CHILD} if isinstance(told, str) and told else {}
        note.message, note.data = replaced(note.message, names), replaced(data, names)


def grow_up(dependent_id: int, record: dict) -> None:
    """The child's rows become the account's (its name and email), in each studio where the account has no row yet
    (it was made with the move, so it has none); their bookings' facts become the account's own, so its figures,
    counted as the child's until now, stay as they are. The child's id stays on the row: the news of the bookings
    made for them is still in their timeline."""
    name = written(record["user_name"])
    own = Client.__table__.alias("own")
    has_own = sa.exists().where(own.c.studio_id == Client.studio_id, own.c.user_id == record["user_id"])
    db.session.execute(
        sa.update(Client)
        .where(Client.dependent_id == dependent_id, Client.user_id.is_(None), ~has_own)
        .values(user_id=record["user_id"], name=name, name_key=sort_key(name), email=record["user_email"])
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        sa.update(ClientBooking)
        .where(ClientBooking.dependent_id == dependent_id)
        .values(user_id=record["user_id"], dependent_id=None)
        .execution_options(synchronize_session=False)
    )
