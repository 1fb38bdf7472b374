"""Outbox rows of any channel: written in the caller's transaction (never committed here), woken on commit."""

from functools import lru_cache

from sqlalchemy import bindparam, insert, literal_column, or_, text

from ..extensions import db
from ..models import OUTBOX_DEAD, OUTBOX_DELIVERED, OUTBOX_PENDING, OutboxMessage, new_message_id, utcnow
from .wakeup import outbox_written

# Every column, so rows of every channel go in one multi-row INSERT. RETURNING makes SQLAlchemy write them as one
# INSERT ... VALUES (...), (...) statement ("insertmanyvalues"); without it psycopg sends one INSERT per row.
INSERT_ROWS = insert(OutboxMessage.__table__).returning(OutboxMessage.__table__.c.id)
# New rows (all but a few of a test's) with their status and attempts written into the statement, not bound: a
# booking's seven rows then bind 49 values, and psycopg keeps its parsed form of a statement of at most 50 (with more
# it parses the text anew each time).
NEW_ROW = {"status": OUTBOX_PENDING, "attempts": 0}
INSERT_NEW_ROWS = INSERT_ROWS.values(status=literal_column(f"'{OUTBOX_PENDING}'"), attempts=literal_column("0"))
# A write's few new rows (a booking's seven) go in a statement written for that many rows: bound by name and
# returning nothing, it skips SQLAlchemy's batching of rows and the reading of returned ids.
MOST_ROWS_LISTED = 12


def outbox_row(
    channel: str,
    message_type: str,
    payload: dict,
    *,
    message_id: str | None = None,
    booking_id: int | None = None,
    send_at=None,
) -> dict:
    """Every column of one pending outbox message, due at send_at (or now): what insert_rows() takes, or an
    OutboxMessage is made from."""
    now = utcnow()
    return {
        "id": message_id or new_message_id(),
        "channel": channel,
        "booking_id": booking_id,
        "type": message_type,
        "payload": payload,
        "status": OUTBOX_PENDING,
        "attempts": 0,
        "next_attempt_at": send_at or now,
        "created_at": now,
    }


def insert_rows(rows: list[dict]) -> None:
    """Add outbox rows (a CRM message_row, an email_row) to the current transaction with one INSERT, and have
    the commit wake a dispatcher, as an added OutboxMessage does."""
    if not rows:
        return
    # Rows with more columns than outbox_row's (a webhook's endpoint and order key) go in a statement of their own.
    shapes: dict[frozenset, list[dict]] = {}
    for row in rows:
        shapes.setdefault(frozenset(row), []).append(row)
    for alike in shapes.values():
        _insert_alike(alike)
    outbox_written(db.session, {row["channel"] for row in rows})


def _insert_alike(rows: list[dict]) -> None:
    """Rows of the same columns, in one INSERT."""
    new = all(row["status"] == OUTBOX_PENDING and not row["attempts"] for row in rows)
    if new and len(rows) <= MOST_ROWS_LISTED:
        named = tuple(k for k in rows[0] if k not in NEW_ROW)
        values = {f"{k}_{i}": row[k] for i, row in enumerate(rows) for k in named}
        db.session.execute(_insert_listed(len(rows), named), values)
    elif new:
        db.session.execute(INSERT_NEW_ROWS, [{k: v for k, v in row.items() if k not in NEW_ROW} for row in rows])
    else:
        db.session.execute(INSERT_ROWS, rows)


@lru_cache(maxsize=4 * MOST_ROWS_LISTED)
def _insert_listed(count: int, named: tuple[str, ...]):
    """INSERT … VALUES of count new rows, the i-th row's named values bound as id_i, channel_i, and so on."""
    table = OutboxMessage.__table__
    rows = ", ".join(f"({', '.join(f':{n}_{i}' for n in named)}, '{OUTBOX_PENDING}', 0)" for i in range(count))
    statement = text(f"INSERT INTO {table.name} ({', '.join(named)}, status, attempts) VALUES {rows}")
    return statement.bindparams(*(bindparam(f"{n}_{i}", type_=table.c[n].type) for i in range(count) for n in named))


def waiting(table=OutboxMessage.__table__):
    """Messages that have not gone yet (pending), said as "neither delivered nor dead" so that no index of status
    offers itself. With statistics from a quiet moment (every message delivered), "status = 'pending'" looked like one
    row to PostgreSQL, and it walked every waiting message's entry of the due index (a sale's reminders: thousands)
    rather than the ids' or the booking's keys a statement also names."""
    return table.c.status.not_in((OUTBOX_DELIVERED, OUTBOX_DEAD))


def not_out():
    """Messages no dispatcher holds right now: one being handed over is left to finish (its outcome is recorded)."""
    return or_(OutboxMessage.lease_until.is_(None), OutboxMessage.lease_until < utcnow())
