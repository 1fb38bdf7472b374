"""Rebuilding a studio's client book from the notifications it stores: after an upgrade brought the client book to
a CRM holding notifications from before it, or to repair one. The projected facts and figures are reset and every
stored notification about a client projected again, oldest first, in batches; what staff wrote (notes, tags,
consent, merges, segments) stays as it is.

The projection writes the same book whatever the order it gets the notifications in (each fact keeps its newest
state, money adds, figures are recounted), so the book keeps taking new notifications meanwhile: the reset notes
the id of the newest stored (on PostgreSQL with the table locked against inserts for that instant, so none in
flight gets an id below it later) and the replay projects exactly those up to it; any after it were projected as
they came."""

from collections.abc import Callable

import marshmallow as ma
import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

from ...database import unit_of_work
from ...extensions import db
from ...models import Client, ClientBooking, ClientMoney, ClientPass, Notification
from .automated import AUTOMATED
from .projection import CLIENT_TYPES, MOVED, writer

# The projected facts only: an automation's tag is the book's own as staff's are (a replay would bring back one
# staff took off since), and the client rows it made stay.
REPLAYED = sorted(CLIENT_TYPES - AUTOMATED)

BATCH = 200  # notifications a transaction: SQLite's writer lock is held that long, live /notify waits behind it
ATTEMPTS = 6  # a batch PostgreSQL rolled back as a deadlock's loser (live notifications lock clients too) reruns
DEADLOCK_DETECTED = "40P01"
RESET_FIGURES = {
    "bookings": 0,
    "visits": 0,
    "no_shows": 0,
    "late_cancels": 0,
    "feedback_given": 0,
    "guest_bookings": 0,
    "first_visit_at": None,
    "last_visit_at": None,
}


def rebuild(studio_id: int, between_batches: Callable[[], None] | None = None) -> dict:
    """Reset the studio's projected book and project its stored notifications again: {replayed, skipped (data the
    client book cannot read, stored before it checked), through (the newest notification id replayed)}."""
    through = _reset(studio_id)
    replayed = skipped = after = 0
    while True:
        done, rejected, last = _replay_batch(studio_id, after, through)
        if last is None:
            return {"replayed": replayed, "skipped": skipped, "through": through}
        replayed, skipped, after = replayed + done, skipped + rejected, last
        if between_batches is not None:
            between_batches()


def _reset(studio_id: int) -> int:
    """Empty the studio's facts and zero its clients' figures; the id of its newest notification then."""
    with unit_of_work():
        if db.session.connection().dialect.name == "postgresql":
            db.session.execute(sa.text("LOCK TABLE crm_notifications IN SHARE ROW EXCLUSIVE MODE"))
        newest = sa.select(sa.func.max(Notification.id)).where(Notification.studio_id == studio_id)
        through = db.session.scalar(newest) or 0
        for model in (ClientBooking, ClientPass, ClientMoney):
            db.session.execute(sa.delete(model).where(model.studio_id == studio_id))
        zeroed = sa.update(Client).where(Client.studio_id == studio_id).values(RESET_FIGURES)
        db.session.execute(zeroed.execution_options(synchronize_session=False))
    return through


def _replay_batch(studio_id: int, after: int, through: int) -> tuple[int, int, int | None]:
    """Project the next batch of the studio's notifications about clients (ids after `after`, up to `through`):
    (projected, skipped, the batch's last id; None when there was none)."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with unit_of_work():
                return _project_batch(studio_id, after, through)
        except OperationalError as exc:
            if getattr(exc.orig, "sqlstate", None) != DEADLOCK_DETECTED or attempt == ATTEMPTS:
                raise
    raise AssertionError("unreachable")  # the loop returns or raises


def _project_batch(studio_id: int, after: int, through: int) -> tuple[int, int, int | None]:
    rows = db.session.scalars(
        sa.select(Notification)
        .where(
            Notification.studio_id == studio_id,
            Notification.id > after,
            Notification.id <= through,
            sa.or_(
                sa.and_(Notification.type.in_(REPLAYED), Notification.user_id.is_not(None)),
                Notification.type == MOVED,  # a session moved: its bookings follow
            ),
        )
        .order_by(Notification.id)
        .limit(BATCH)
    ).all()
    projected = skipped = 0
    for row in rows:
        try:
            write = writer(row.to_record())
        except ma.ValidationError:
            skipped += 1  # data stored before the client book checked it: the rest of the book is still built
            continue
        if write is not None:
            write()
            projected += 1
    return projected, skipped, rows[-1].id if rows else None
