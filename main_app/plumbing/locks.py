"""Row locks, all through one door that keeps the one lock order (as pretix's lock_objects keys every lock).

Every path that changes several rows locks them in the order of LOCK_ORDER, each kind's rows lowest id first, so
two transactions never hold what the other waits for. lock() refuses, as a programming error, a kind earlier in
the order than one the transaction already holds; tests/main_app/test_locks.py keeps every FOR UPDATE in here.
SQLite ignores FOR UPDATE (its one writer at a time, begun at once by service_kit.database, serialises instead).

A few busy operations (a waiting-list join, a booking's payment) lock their session's row FOR SHARE instead, inside
sharing_first(): they change no seat, so they run side by side while every path that changes seats (FOR UPDATE or
its UPDATE) still waits for them, and they for it. One that finds it must change the row after all (a payment for a
hold that ended, a seat freed meanwhile) raises SharedLockTooWeak, and sharing_first runs it again locking the row
FOR UPDATE from the start: a lock is never upgraded, which could deadlock two sharers.
"""

import functools
from collections.abc import Iterable

from sqlalchemy import Result, Select, Table, func, select

from service_kit.database import IN_UNIT_OF_WORK

from ..extensions import db
from ..models import (
    Booking,
    BookingGuest,
    Dependent,
    DiscountCode,
    EventSession,
    FormDocument,
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
# number stand apart, and so does a form (publishing it and signing it serialise on its row); then a session, its
# room options, the child a seat is for (erasing the child serialises on its row), its bookings and what hangs off a
# booking (its guests' seats, the pass and code it used, its payments), its line, and the messages.
LOCK_ORDER = (
    Studio,
    User,
    SmsNumber,
    FormDocument,
    EventSession,
    SessionOption,
    Dependent,
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
SHARED = "locks.shared"  # session.info: (the transaction, the tables it locked only FOR SHARE)
LINE_LOCK_CLASS = 4710  # pg_advisory_xact_lock's first key for a session's line (emails.guest_limits has 4708-4709)
SHARING = "locks.sharing"  # session.info: True inside sharing_first's first attempt, False in its exclusive rerun


class LockOrderError(RuntimeError):
    """A lock taken against the one order: a programming error, never a user's."""


class SharedLockTooWeak(Exception):
    """The transaction locked a row FOR SHARE and must now change it: sharing_first runs it again, exclusively."""


def sharing_first(operation):
    """Run an operation whose lock_shared() locks are FOR SHARE; if it raises SharedLockTooWeak (its unit of work
    rolled back), run it once more with those locks FOR UPDATE. Outside it, lock_shared() locks FOR UPDATE."""

    @functools.wraps(operation)
    def run(*args, **kwargs):
        info = db.session.info
        outer = info.get(SHARING)
        # Inside a caller's unit of work (or an exclusive rerun) it cannot roll back and run again: exclusive.
        info[SHARING] = outer is not False and not info.get(IN_UNIT_OF_WORK)
        try:
            return operation(*args, **kwargs)
        except SharedLockTooWeak:
            db.session.rollback()
            info[SHARING] = False
            return operation(*args, **kwargs)
        finally:
            info[SHARING] = outer

    return run


def lock_shared(kind, rows: Iterable | Select) -> Result | None:
    """lock(), FOR SHARE inside sharing_first's first attempt (FOR UPDATE otherwise): others may share the rows,
    nobody changes them until this transaction ends."""
    if not db.session.info.get(SHARING):
        return lock(kind, rows)
    table = kind if isinstance(kind, Table) else kind.__table__
    if isinstance(rows, Select):
        _check_order(table)
        _shared().add(table)
        return db.session.execute(rows.with_for_update(of=table, read=True))
    if ids := sorted(set(rows)):
        _check_order(table)
        _shared().add(table)
        key = table.primary_key.columns[0]
        db.session.execute(select(key).where(key.in_(ids)).order_by(key).with_for_update(read=True))
    return None


def ensure_exclusive(kind) -> None:
    """Before changing rows of this kind: SharedLockTooWeak when this transaction locked them only FOR SHARE."""
    table = kind if isinstance(kind, Table) else kind.__table__
    if table in _shared():
        raise SharedLockTooWeak(table.name)


def lock(kind, rows: Iterable | Select) -> Result | None:
    """Lock rows of one kind (a model or its table) in this transaction: ids (locked lowest first), or a SELECT
    of that kind's rows (in the caller's order); refuses a kind earlier than one held."""
    table = kind if isinstance(kind, Table) else kind.__table__
    ensure_exclusive(table)  # FOR UPDATE after FOR SHARE would be an upgrade
    if isinstance(rows, Select):
        _check_order(table)
        return db.session.execute(rows.with_for_update(of=table))
    if ids := sorted(set(rows)):  # no ids, no lock: the order is kept by the locks taken
        _check_order(table)
        key = table.primary_key.columns[0]
        db.session.execute(select(key).where(key.in_(ids)).order_by(key).with_for_update())
    return None


def lock_line(session_id: int) -> None:
    """A session's line, right after the session's row (PostgreSQL; SQLite's one writer serialises anyway): joins
    sharing the row write their places and count their positions one at a time, so both stay exact."""
    if max(_held(), default=None) != RANK[EventSession.__table__]:
        raise LockOrderError("a session's line is locked right after the session's row, before anything else")
    if db.engine.dialect.name == "postgresql":
        db.session.execute(select(func.pg_advisory_xact_lock(LINE_LOCK_CLASS, session_id)))


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
        raise LockOrderError(f"{table.name} has no place in the lock order (main_app/plumbing/locks.py)")
    held = _held()
    rank = RANK[table]
    if rank not in held and held and max(held) > rank:
        later = LOCK_ORDER[max(held)].__tablename__
        raise LockOrderError(f"{table.name} locked after {later}: the lock order is {_names()}")
    held.add(rank)


def _held() -> set:
    """The ranks this transaction locked (begun here if it has not yet: the locks belong to it)."""
    session = db.session()
    session.connection()
    transaction = session.get_transaction()
    holder, held = session.info.get(HELD, (None, set()))
    if holder is not transaction:  # a new transaction holds nothing yet
        held = set()
        session.info[HELD] = (transaction, held)
    return held


def _shared() -> set:
    """The tables this transaction locked only FOR SHARE."""
    session = db.session()
    transaction = session.get_transaction()
    holder, shared = session.info.get(SHARED, (None, set()))
    if holder is not transaction or transaction is None:
        shared = set()
        session.info[SHARED] = (transaction, shared)
    return shared


def _names() -> str:
    return ", ".join(model.__tablename__ for model in LOCK_ORDER)
