"""Notification store in the SQL database (SQLite by default, PostgreSQL in production)."""

from __future__ import annotations  # the stores' `list` method shadows the builtin in annotations

import datetime as dt
import functools

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import aliased

from ..database import unit_of_work
from ..extensions import db
from ..models import RECORD_FIELDS, Notification
from .base import (
    BOOKING_CANCELLED,
    BOOKING_CREATED,
    BOOKING_TYPES,
    EQUALITY_FILTERS,
    Inbox,
    NotificationStore,
    StoreUnavailable,
    Then,
    booking_status,
    happened_at,
    in_lock_order,
)

# base.happened_at, base.booking_status and base.group_key, in SQL.
HAPPENED_AT = sa.func.coalesce(Notification.occurred_at, Notification.received_at)
BOOKING_STATUS = sa.case((Notification.type == BOOKING_CANCELLED, "cancelled"), else_="active")
GROUP_KEY = sa.func.coalesce(Notification.batch_id, Notification.notification_id)
# Both dialects spell INSERT ... ON CONFLICT DO NOTHING the same way.
INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
# PostgreSQL's answer to two batches inserting shared ids in opposite orders: it rolls one back.
DEADLOCK_DETECTED = "40P01"
BATCH_ATTEMPTS = 6  # several batches sharing ids may each lose a round to another before their turn


class SqlNotificationStore(NotificationStore):
    """Exactly-once storage rests on the UNIQUE constraint of notification_id, not on a prior read."""

    name = "sqlite"
    keeps_client_book = True

    def add(self, record: dict, then: Then = None) -> tuple[dict, bool]:
        # One INSERT whose unique notification_id decides, as store_many's: a repeat (a retry after a lost answer,
        # or two deliveries at once) inserts nothing, and the one stored first wins. On the table, not through an
        # ORM object: the unit of work's flush cost more than the rest of the request.
        with unit_of_work():
            new_id = db.session.execute(_insert_one(), _row(record)).scalar_one_or_none()
            if new_id is not None and then is not None:
                then()  # the projections of a new notification, in its transaction: a repeat never reaches them
        if new_id is None:
            existing = self.get_by_notification_id(record["notification_id"])
            if existing is None:
                raise LookupError(f"notification {record['notification_id']} refused as a repeat but not found")
            return existing, False
        return {**record, "id": new_id}, True

    def store_many(self, records: list[dict], then: list[Then] | None = None) -> list[bool]:
        if not records:
            return []
        # One multi-row INSERT (SQLAlchemy's insertmanyvalues) whose unique notification_id decides each row, as
        # add's does: a row already there, or committed meanwhile by a concurrent batch, is skipped, not an error
        # (PostgreSQL waits for that batch's outcome), and RETURNING names the rows this batch wrote.
        insert = INSERTS[db.engine.dialect.name](Notification.__table__)
        statement = insert.on_conflict_do_nothing(index_elements=["notification_id"]).returning(
            Notification.notification_id
        )
        rows = [_row(record) for record in records]
        for attempt in range(1, BATCH_ATTEMPTS + 1):
            try:
                with unit_of_work():
                    inserted = set(db.session.scalars(statement, rows))
                    for after in in_lock_order(records, then or [], inserted):
                        after()
                break
            except OperationalError as exc:
                # Rolled back whole: run it again, and the ids the other batch stored meanwhile are skipped.
                if getattr(exc.orig, "sqlstate", None) != DEADLOCK_DETECTED or attempt == BATCH_ATTEMPTS:
                    raise
        return [record["notification_id"] in inserted for record in records]

    def list(self, filters: dict, page: int, per_page: int) -> tuple[list[dict], int]:
        conditions = _conditions(filters)
        rows = db.session.scalars(
            sa.select(Notification)
            .where(*conditions)
            .order_by(Notification.received_at.desc(), Notification.id.desc())
            .limit(per_page)
            .offset((page - 1) * per_page)
        )
        return [row.to_record() for row in rows], self.count(filters)

    def count(self, filters: dict) -> int:
        return db.session.scalar(sa.select(sa.func.count(Notification.id)).where(*_conditions(filters)))

    def list_inbox(self, inbox: Inbox, filters: dict, page: int, per_page: int) -> tuple[list[dict], int]:
        conditions = _entry_conditions(inbox, filters)
        # The members' counts come with each row (correlated, on the batch_id index): no query per entry.
        member = aliased(Notification)
        members = sa.select(sa.func.count(member.id)).where(inbox.of(member), member.batch_id == GROUP_KEY)
        rows = db.session.execute(
            sa.select(
                Notification,
                members.scalar_subquery(),
                members.where(member.read_at.is_(None)).scalar_subquery(),
            )
            .where(*conditions)
            .order_by(Notification.received_at.desc(), Notification.id.desc())
            .limit(per_page)
            .offset((page - 1) * per_page)
        )
        entries = [dict(row.to_record(), members=count, members_unread=unread) for row, count, unread in rows]
        return entries, db.session.scalar(sa.select(sa.func.count(Notification.id)).where(*conditions))

    def count_unread_entries(self, inbox: Inbox) -> int:
        return db.session.scalar(
            sa.select(sa.func.count(sa.distinct(GROUP_KEY))).where(
                inbox.of(Notification), Notification.read_at.is_(None)
            )
        )

    def get_by_notification_id(self, notification_id: str) -> dict | None:
        row = db.session.scalar(sa.select(Notification).where(Notification.notification_id == notification_id))
        return row.to_record() if row is not None else None

    def mark_read(self, record_id: int, inbox: Inbox, now: dt.datetime) -> dict | None:
        mine = (Notification.id == record_id, inbox.of(Notification))
        target = aliased(Notification)
        key = (
            sa.select(sa.func.coalesce(target.batch_id, target.notification_id))
            .where(target.id == record_id, inbox.of(target))
            .scalar_subquery()
        )
        # A conditional UPDATE: two tabs marking at once keep the first read time.
        with unit_of_work():
            db.session.execute(
                sa.update(Notification)
                .where(
                    inbox.of(Notification),
                    Notification.read_at.is_(None),
                    _in_group(Notification, key),
                )
                .values(read_at=now)
            )
        row = db.session.scalar(sa.select(Notification).where(*mine))
        return row.to_record() if row is not None else None

    def mark_all_read(self, inbox: Inbox, now: dt.datetime) -> int:
        with unit_of_work():
            result = db.session.execute(
                sa.update(Notification)
                .where(inbox.of(Notification), Notification.read_at.is_(None))
                .values(read_at=now)
            )
        return result.rowcount

    def list_bookings(self, facilitator_id: int, filters: dict, page: int, per_page: int) -> tuple[list[dict], int]:
        current = _latest_booking_notifications(facilitator_id, filters)
        total = db.session.scalar(sa.select(sa.func.count()).select_from(current.subquery()))
        rows = db.session.execute(
            current.order_by(HAPPENED_AT.desc(), Notification.booking_id.desc())
            .limit(per_page)
            .offset((page - 1) * per_page)
        )
        return [_booking_state(row, booked_at) for row, booked_at in rows], total

    def prune(self, older_than: dt.datetime, batch_size: int) -> int:
        oldest = (
            sa.select(Notification.id)
            .where(Notification.received_at < older_than)
            .order_by(Notification.received_at, Notification.id)
            .limit(batch_size)
        )
        with unit_of_work():
            ids = db.session.scalars(oldest).all()
            if ids:
                db.session.execute(sa.delete(Notification).where(Notification.id.in_(ids)))
        return len(ids)

    def check(self) -> None:
        try:
            db.session.execute(sa.select(Notification.id).limit(1))  # the table exists and answers
        except SQLAlchemyError as exc:
            db.session.rollback()
            raise StoreUnavailable(type(exc).__name__) from exc


def _row(record: dict) -> dict:
    """A record's columns for an INSERT (the database gives the id; keys that are no column stay out)."""
    return {key: record.get(key) for key in RECORD_FIELDS if key != "id"}


@functools.cache
def _insert_one_for(dialect: str):
    table = Notification.__table__
    return INSERTS[dialect](table).on_conflict_do_nothing(index_elements=["notification_id"]).returning(table.c.id)


def _insert_one():
    """INSERT ... ON CONFLICT (notification_id) DO NOTHING RETURNING id, built once per dialect."""
    return _insert_one_for(db.engine.dialect.name)


def _conditions(filters: dict) -> list:
    """WHERE clauses for the shared filter semantics (base.EQUALITY_FILTERS, since, until, unread)."""
    conditions = [getattr(Notification, name) == filters[name] for name in EQUALITY_FILTERS if name in filters]
    if "since" in filters:
        conditions.append(Notification.received_at >= filters["since"])
    if "until" in filters:
        conditions.append(Notification.received_at < filters["until"])
    if "unread" in filters:
        conditions.append(Notification.read_at.is_(None) if filters["unread"] else Notification.read_at.is_not(None))
    return conditions


def _in_group(record, key) -> sa.ColumnElement[bool]:
    """record's group key is key; written as an OR so that each side can use an index (batch_id, notification_id)."""
    return sa.or_(record.batch_id == key, sa.and_(record.batch_id.is_(None), record.notification_id == key))


def _entry_conditions(inbox: Inbox, filters: dict) -> list:
    """WHERE clauses picking an inbox's entries (see NotificationStore.list_inbox)."""
    summary, fellow, other = (aliased(Notification) for _ in range(3))
    theirs = inbox.of(Notification)
    summary_arrived = sa.exists().where(
        summary.notification_id == Notification.batch_id,
        summary.batch_id.is_(None),
        inbox.of(summary),
    )
    newest_member = (
        sa.select(sa.func.max(fellow.id))
        .where(fellow.batch_id == Notification.batch_id, inbox.of(fellow))
        .scalar_subquery()
    )
    conditions = [
        theirs,
        sa.or_(Notification.batch_id.is_(None), sa.and_(~summary_arrived, Notification.id == newest_member)),
        *_conditions({name: value for name, value in filters.items() if name != "unread"}),
    ]
    if "unread" in filters:
        unread_in_group = sa.exists().where(inbox.of(other), other.read_at.is_(None), _in_group(other, GROUP_KEY))
        conditions.append(unread_in_group if filters["unread"] else ~unread_in_group)
    return conditions


def _latest_booking_notifications(facilitator_id: int, filters: dict) -> sa.Select:
    """Each of the facilitator's bookings' newest notification, with when it was booked, matching filters."""
    # One pass in the database: rank each booking's notifications newest first and keep rank 1.
    theirs = (Notification.facilitator_id == facilitator_id, Notification.booking_id.is_not(None))
    ranked = (
        sa.select(
            Notification.id,
            sa.func.row_number()
            .over(
                partition_by=Notification.booking_id,
                order_by=(HAPPENED_AT.desc(), Notification.received_at.desc(), Notification.id.desc()),
            )
            .label("recency"),
        )
        .where(*theirs, Notification.type.in_(BOOKING_TYPES))
        .subquery("ranked")
    )
    created = (
        sa.select(Notification.booking_id, sa.func.min(HAPPENED_AT).label("booked_at"))
        .where(*theirs, Notification.type == BOOKING_CREATED)
        .group_by(Notification.booking_id)
        .subquery("created")
    )
    conditions = [ranked.c.recency == 1]
    if "status" in filters:
        conditions.append(filters["status"] == BOOKING_STATUS)
    conditions += [
        getattr(Notification, name) == filters[name] for name in ("event_id", "session_id") if name in filters
    ]
    return (
        sa.select(Notification, created.c.booked_at)
        .join(ranked, ranked.c.id == Notification.id)
        .outerjoin(created, created.c.booking_id == Notification.booking_id)
        .where(*conditions)
    )


def _booking_state(row: Notification, booked_at: dt.datetime | None) -> dict:
    """The latest record of a booking with its derived state (see NotificationStore.list_bookings)."""
    record = row.to_record()
    record.update(status=booking_status(record["type"]), updated_at=happened_at(record), booked_at=booked_at)
    return record
