"""The retention benchmark's outbox: delivered rows past the retention period, each with its delivery attempt,
written in bulk over every channel; beside them the rows pruning must leave (pending, leased, dead, delivered within
the period), counted before and after."""

import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from bulk import BulkWriter

from main_app.extensions import db
from main_app.lanes import CHANNELS
from main_app.models import (
    CHANNEL_CRM,
    CHANNEL_EMAIL,
    CHANNEL_PAYMENTS,
    FAILURE_PERMANENT,
    OUTBOX_DEAD,
    OUTBOX_DELIVERED,
    OUTBOX_PENDING,
    DeliveryAttempt,
    OutboxMessage,
)
from main_app.services.payments.refunds import REFUND
from main_app.services.seats.holds import HOLD_EXPIRY

OUTBOX, ATTEMPTS = OutboxMessage.__table__, DeliveryAttempt.__table__
CHUNK = 5000
SPREAD = timedelta(days=365)  # the old rows were delivered over the year before the cut-off
# (channel, type, weight) of the old rows: per booking a CRM message, a confirmation and a reminder or two; payments
# (ends of seat holds, refunds) for the paid share.
MIX = (
    (CHANNEL_CRM, "booking_created", 8),
    (CHANNEL_EMAIL, "booking_confirmed", 5),
    (CHANNEL_EMAIL, "reminder_24h", 4),
    (CHANNEL_PAYMENTS, HOLD_EXPIRY, 2),
    (CHANNEL_PAYMENTS, REFUND, 1),
)
# The rows pruning must leave, by their id's tag letter. Each was created and stamped delivered_at long before the
# cut-off, so only its status keeps it; "recent" is delivered, a day inside the period.
KEPT = {"p": "pending", "l": "leased", "d": "dead", "r": "recent"}
OLD = "o"
STATUS_CODES = {CHANNEL_CRM: 201, CHANNEL_EMAIL: 250, CHANNEL_PAYMENTS: 200}  # HTTP, SMTP reply, provider HTTP
# The channels seeded (those of MIX); the lanes added since (sms, app, timers) get no rows, old or kept.
SEEDED = tuple(channel for channel in CHANNELS if any(c == channel for c, _, _ in MIX))


def _payload(channel: str, kind: str, message_id: str, k: int, when: datetime) -> dict:
    """A payload shaped like the real one of its type, names and addresses included."""
    person = {"name": f"Bench Person {k % 50_000}", "email": f"person-{k % 50_000}@bench.example.com"}
    event = {"id": 1 + k % 1000, "title": "Morning Yoga Class", "location": "Pune Centre", "timezone": "Asia/Kolkata"}
    session = {"id": 1 + k % 5000, "starts_at": when.isoformat(), "ends_at": (when + timedelta(hours=1)).isoformat()}
    if channel == CHANNEL_CRM:
        return {
            "notification_id": message_id,
            "type": kind,
            "occurred_at": when.isoformat(),
            "booking_id": k,
            "session_id": session["id"],
            "facilitator_id": 1 + k % 50,
            "user": {"id": 1 + k % 50_000, **person},
            "event": {"id": event["id"], "title": event["title"], "start_date": session["starts_at"]},
            "message": f"{person['name']} booked a seat in {event['title']}",
            "data": {"booking_status": "active", "cancel_reason": None, "session": {**session, "seats_left": 12}},
        }
    if channel == CHANNEL_EMAIL:
        snapshot = {"to": person, "event": {**event, "facilitator": "Bench Facilitator"}, "session": session}
        return {"kind": kind, "snapshot": {**snapshot, "booking": {"id": k, "sequence": 0}}}
    if kind == REFUND:
        return {"payment": k, "provider": "stripe", "payment_id": f"pi_{k:024d}", "amount": 150_000, "currency": "INR"}
    return {"booking_id": k}


def _row(stamp: str, tag: str, k: int, channel: str, kind: str, delivered: datetime) -> tuple[dict, dict]:
    """One delivered outbox row and its one attempt (ids: stamp, tag letter, number: 32 characters)."""
    message_id = f"{stamp}{tag}{k:023d}"
    due = delivered - timedelta(seconds=2)
    message = {
        "id": message_id,
        "channel": channel,
        "booking_id": k if channel != CHANNEL_CRM else None,
        "type": kind,
        "payload": _payload(channel, kind, message_id, k, due),
        "status": OUTBOX_DELIVERED,
        "attempts": 1,
        "next_attempt_at": due,
        "claimed_by": None,
        "lease_until": None,
        "last_error": None,
        "failure_kind": None,
        "created_at": due,
        "delivered_at": delivered,
    }
    attempt = {
        "message_id": message_id,
        "attempted_at": delivered - timedelta(milliseconds=40),
        "worker_id": "bench-seeded-dispatcher",
        "status_code": STATUS_CODES[channel],
        "latency_ms": 38.5,
        "error": None,
        "response_excerpt": None,
    }
    return message, attempt


def _kept(stamp: str, tag: str, k: int, channel: str, cutoff: datetime, now: datetime) -> tuple[dict, dict]:
    """A row of one kind pruning must leave, with its attempt."""
    kind = next(kind for c, kind, _ in MIX if c == channel)
    old = cutoff - timedelta(days=10)
    message, attempt = _row(stamp, tag, k, channel, kind, old)
    message["booking_id"] = None  # nothing about a booking reschedules or drops it meanwhile
    if KEPT[tag] == "pending":  # tried once, failed, next try tomorrow
        message.update(status=OUTBOX_PENDING, next_attempt_at=now + timedelta(days=1), last_error="timed out")
    elif KEPT[tag] == "leased":  # held by another dispatcher for a day yet
        message.update(status=OUTBOX_PENDING, claimed_by="another-dispatcher", lease_until=now + timedelta(days=1))
    elif KEPT[tag] == "dead":
        message.update(status=OUTBOX_DEAD, last_error="refused", failure_kind=FAILURE_PERMANENT)
    else:  # delivered a day after the cut-off
        recent = cutoff + timedelta(days=1)
        message.update(next_attempt_at=recent, created_at=recent, delivered_at=recent)
        attempt["attempted_at"] = recent
    return message, attempt


def _write(conn, rows) -> None:
    """Insert (message, attempt) pairs in chunks: the messages first, then their attempts."""
    bulk = BulkWriter(conn)
    messages, attempts = [], []
    for message, attempt in rows:
        messages.append(message)
        attempts.append(attempt)
        if len(messages) == CHUNK:
            bulk.write(OUTBOX, messages)
            bulk.write(ATTEMPTS, attempts)
            messages, attempts = [], []
    bulk.write(OUTBOX, messages)
    bulk.write(ATTEMPTS, attempts)


@dataclass
class Seeded:
    """What seed() wrote."""

    stamp: str
    rows: int
    per_channel: dict[str, int]
    kept_per_kind: int
    seconds: float


def seed(app, rows: int, days: int, kept: int) -> Seeded:
    """rows delivered rows (and attempts) a day to a year past a `days` retention, over the channels by MIX, oldest
    first; kept rows of each kind in KEPT per channel; then the database settled as after a bulk load."""
    started, now, stamp = time.monotonic(), datetime.now(UTC), uuid.uuid4().hex[:8]
    cutoff = now - timedelta(days=days)
    newest = cutoff - timedelta(days=1)
    cycle = [(channel, kind) for channel, kind, weight in MIX for _ in range(weight)]
    per_channel = dict.fromkeys(CHANNELS, 0)

    def old_rows():
        for k in range(rows):
            channel, kind = cycle[k % len(cycle)]
            per_channel[channel] += 1
            yield _row(stamp, OLD, k, channel, kind, newest - SPREAD * (1 - k / rows))

    def kept_rows():
        for n, (tag, channel) in enumerate((t, c) for t in KEPT for c in SEEDED for _ in range(kept)):
            yield _kept(stamp, tag, n, channel, cutoff, now)

    with app.app_context():
        with db.engine.begin() as conn:
            _write(conn, old_rows())
            _write(conn, kept_rows())
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            if db.engine.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # as after any bulk load
            else:
                conn.exec_driver_sql(f"VACUUM ANALYZE {OUTBOX.name}, {ATTEMPTS.name}")  # as autovacuum would
        db.session.remove()
    return Seeded(stamp, rows, per_channel, kept, time.monotonic() - started)


def _tagged(column, stamp: str, tag: str):
    """column's ids of one tag of this run (a range on the index, not a LIKE)."""
    return sa.and_(column >= f"{stamp}{tag}", column < f"{stamp}{chr(ord(tag) + 1)}")


@dataclass
class Census:
    """The seeded rows present, and their attempts: old (pruning's work) and each kind it must leave."""

    old: int = 0
    old_attempts: int = 0
    kept: dict[str, int] = field(default_factory=dict)
    kept_attempts: dict[str, int] = field(default_factory=dict)


def census(app, stamp: str) -> Census:
    """Count the seeded rows of each tag, and their attempts, as they are now."""
    count = Census()
    with app.app_context(), db.engine.connect() as conn:

        def rows(tag):
            query = sa.select(sa.func.count()).select_from(OUTBOX).where(_tagged(OUTBOX.c.id, stamp, tag))
            return conn.execute(query).scalar_one()

        def attempts(tag):
            where = _tagged(ATTEMPTS.c.message_id, stamp, tag)
            return conn.execute(sa.select(sa.func.count()).select_from(ATTEMPTS).where(where)).scalar_one()

        count.old, count.old_attempts = rows(OLD), attempts(OLD)
        for tag, kind in KEPT.items():
            count.kept[kind], count.kept_attempts[kind] = rows(tag), attempts(tag)
    return count


class OutboxWatch:
    """What the benchmark watches while it runs: the delivered rows past the cut-off left in each channel (whether
    any is left: a step of the channel's index, cheap enough twice a second; how many: a range count of it), and
    what the bookings set off that is not delivered yet."""

    def __init__(self, app, days: int):
        self.app, self.days = app, days

    def _old(self, channel: str) -> tuple:
        """A channel's delivered rows past the cut-off (the seeded ones were due before it too: its index)."""
        cutoff = datetime.now(UTC) - timedelta(days=self.days)
        return OUTBOX.c.channel == channel, OUTBOX.c.status == OUTBOX_DELIVERED, OUTBOX.c.next_attempt_at < cutoff

    def channels_left(self) -> set[str]:
        """The channels with an old delivered row left."""
        with self.app.app_context(), db.engine.connect() as conn:
            return {c for c in CHANNELS if conn.execute(sa.select(OUTBOX.c.id).where(*self._old(c)).limit(1)).first()}

    def per_channel(self) -> dict[str, int]:
        """Old delivered rows left in each channel."""
        count = sa.select(sa.func.count()).select_from(OUTBOX)
        with self.app.app_context(), db.engine.connect() as conn:
            return {c: conn.execute(count.where(*self._old(c))).scalar_one() for c in CHANNELS}

    def due(self) -> int:
        """CRM messages and emails due now that no dispatcher holds (the seeded leased rows are held for a day)."""
        now = datetime.now(UTC)
        query = (
            sa.select(sa.func.count())
            .select_from(OUTBOX)
            .where(
                OUTBOX.c.channel.in_((CHANNEL_CRM, CHANNEL_EMAIL)),
                OUTBOX.c.status == OUTBOX_PENDING,
                OUTBOX.c.next_attempt_at <= now,
                sa.or_(OUTBOX.c.lease_until.is_(None), OUTBOX.c.lease_until < now),
            )
        )
        with self.app.app_context(), db.engine.connect() as conn:
            return conn.execute(query).scalar_one()
