"""Row locks, all through one door that keeps the one lock order (as pretix's lock_objects keys every lock).

Every path that changes several rows locks them in the order of LOCK_ORDER, each kind's rows lowest id first, so
two transactions never hold what the other waits for. lock() refuses, as a programming error, a kind earlier in
the order than one the transaction already holds; tests/main_app/test_locks.py keeps every FOR UPDATE in here.
SQLite ignores FOR UPDATE (its one writer at a time, begun at once by service_kit.database, serialises instead).
"""

from collections.abc import Iterable

from sqlalchemy import Result, Select, Table, select

from ...extensions import db
from ...models import (
    Booking,
    BookingGuest,
    DiscountCode,
    EventSession,
    OutboxMessage,
    Pass,
    PassProduct,
    Payment,
    SessionOption,
    SmsNumber,
    Studio,
    User,
    WaitlistEntry,
)

# The one order: a studio first (its members' changes take it before anything under it); an account and its
# number stand apart; then a session, its room options, its bookings and what hangs off a booking (its guests'
# seats, the pass and code it used, its payments), its line, and the messages.
LOCK_ORDER = (
    Studio,
    User,
    SmsNumber,
    EventSession,
    SessionOption,
    Booking,
    BookingGuest,
    PassProduct,
    Pass,
    DiscountCode,
    Payment,
    WaitlistEntry,
    OutboxMessage,
)
RANK = {model.__table__: rank for rank, model in enumerate(LOCK_ORDER)}
HELD = "locks.held"  # session.info: (the transaction, the ranks it locked)


class LockOrderError(RuntimeError):
    """A lock taken against the one order: a programming error, never a user's."""


def lock(kind, rows: Iterable | Select) -> Result | None:
    """Lock rows of one kind (a model or its table) in this transaction: ids (locked lowest first), or a SELECT
    of that kind's rows (in the caller's order); refuses a kind earlier than one held."""
    table = kind if isinstance(kind, Table) else kind.__table__
    if isinstance(rows, Select):
        _check_order(table)
        return db.session.execute(rows.with_for_update(of=table))
    if ids := sorted(set(rows)):  # no ids, no lock: the order is kept by the locks taken
        _check_order(table)
        key = table.primary_key.columns[0]
        db.session.execute(select(key).where(key.in_(ids)).order_by(key).with_for_update())
    return None


def lock_leased(messages: Select) -> Result:
    """The dispatcher's own leased outbox rows, locked after the rows its lane's lock_first took: apart from the
    order, as the job it then runs locks only what hangs off those rows (a place in a session's line)."""
    return db.session.execute(messages.with_for_update())


def lock_alone(row: Select) -> Result:
    """A row whose transaction locks nothing else (a kept count's mark, serialising its counting), apart from the
    order."""
    return db.session.execute(row.with_for_update())


def skipping_locked(due: Select) -> Select:
    """The outbox claim's subquery: rows another dispatcher holds are skipped, not waited for (so no order)."""
    return due.with_for_update(skip_locked=True)


def _check_order(table: Table) -> None:
    """Record the kind as held; raise when a later kind is held and this one is not (taking it again is safe)."""
    if table not in RANK:
        raise LockOrderError(f"{table.name} has no place in the lock order (services/common/locks.py)")
    session = db.session()
    session.connection()  # begins the transaction the locks belong to, if none has yet
    transaction = session.get_transaction()
    holder, held = session.info.get(HELD, (None, set()))
    if holder is not transaction:  # a new transaction holds nothing yet
        held = set()
        session.info[HELD] = (transaction, held)
    rank = RANK[table]
    if rank not in held and held and max(held) > rank:
        later = LOCK_ORDER[max(held)].__tablename__
        raise LockOrderError(f"{table.name} locked after {later}: the lock order is {_names()}")
    held.add(rank)


def _names() -> str:
    return ", ".join(model.__tablename__ for model in LOCK_ORDER)
