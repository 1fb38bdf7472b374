"""The outbox's rows as the dispatcher writes them: claims, attempt logs, deliveries, failures and releases."""

import logging
import uuid
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, insert, or_, select, update

from main_app.plumbing import skipping_locked

from ..database import unit_of_work
from ..extensions import db
from ..models import (
    FAILURE_CONFIGURATION,
    FAILURE_PERMANENT,
    FAILURE_TRANSIENT,
    OUTBOX_DEAD,
    OUTBOX_DELIVERED,
    OUTBOX_PENDING,
    DeliveryAttempt,
    OutboxMessage,
    utcnow,
)
from .outbox import waiting
from .outcomes import Claimed, Outcome

log = logging.getLogger(__name__)
OUTBOX, ATTEMPTS = OutboxMessage.__table__, DeliveryAttempt.__table__


def write_attempts(outcomes: list[Outcome], worker_id: str) -> None:
    """Every attempt of these outcomes, in one multi-row INSERT."""
    attempts = [
        {
            "message_id": outcome.message.id,
            "attempted_at": a.attempted_at,
            "worker_id": worker_id,
            "status_code": a.status_code,
            "latency_ms": a.latency_ms,
            "error": a.error and a.error[:500],
            "response_excerpt": a.response_excerpt,
        }
        for outcome in outcomes
        for a in outcome.http_attempts
    ]
    if attempts:
        db.session.execute(insert(ATTEMPTS), attempts)


def mark_delivered(message_ids: list[str]) -> None:
    """Delivered, whoever holds them now (a delivery is a fact), in one UPDATE for the batch."""
    if not message_ids:
        return
    db.session.execute(
        update(OUTBOX)
        .where(OUTBOX.c.id.in_(message_ids), waiting())  # by the ids' keys, not the due index
        .values(
            claimed_by=None,
            lease_until=None,
            status=OUTBOX_DELIVERED,
            attempts=OUTBOX.c.attempts + 1,
            delivered_at=utcnow(),
            last_error=None,
            failure_kind=None,
        )
    )


def failure_values(outcome: Outcome, schedule: list[float], now: datetime) -> dict:
    """Columns for a failed delivery: rescheduled on the growing schedule, or dead."""
    attempts = outcome.message.attempts + 1
    exc = outcome.error
    error = f"{type(exc).__name__}: {exc}"
    kind = FAILURE_TRANSIENT if exc.transient else FAILURE_PERMANENT
    if exc.configuration:
        kind = FAILURE_CONFIGURATION
    if kind != FAILURE_TRANSIENT or attempts > len(schedule):
        return {"status": OUTBOX_DEAD, "attempts": attempts, "last_error": error, "failure_kind": kind}
    # The schedule grows; a CRM asking for a longer pause with Retry-After gets it.
    delay = timedelta(seconds=max(schedule[attempts - 1], exc.retry_after or 0))
    return {"attempts": attempts, "last_error": error, "failure_kind": kind, "next_attempt_at": now + delay}


def mark_failed(message_ids: list[str], claim_token: str, values: dict) -> set[str]:
    """Write a failure's columns to the messages this claim still holds (else the new holder decides); their ids."""
    written = db.session.scalars(
        update(OUTBOX)
        .where(OUTBOX.c.id.in_(message_ids), OUTBOX.c.claimed_by == claim_token)
        .values(claimed_by=None, lease_until=None, **values)
        .returning(OUTBOX.c.id)
    )
    return set(written)


def log_failure(channel: str, members: list[Outcome], values: dict) -> None:
    """One log line for the messages that failed alike (their ids, never their contents)."""
    first = members[0].message
    which = f"outbox {first.id}" if len(members) == 1 else f"{len(members)} outbox messages ({first.id}, ...)"
    if values["failure_kind"] == FAILURE_CONFIGURATION:
        log.error("%s: %s configuration error, %s", which, channel, values["last_error"])
    if values.get("status") == OUTBOX_DEAD:
        log.warning("%s (%s) dead after %d attempts: %s", which, first.type, values["attempts"], values["last_error"])
    else:
        log.info(
            "%s attempt %d failed (%s); next at %s",
            which,
            values["attempts"],
            values["last_error"],
            values["next_attempt_at"].isoformat(timespec="seconds"),
        )


def release(message_ids: list[str], claim_token: str) -> None:
    """Give back claimed messages untouched, for a later round."""
    db.session.execute(
        update(OUTBOX)
        .where(OUTBOX.c.id.in_(message_ids), OUTBOX.c.claimed_by == claim_token)
        .values(claimed_by=None, lease_until=None)
    )


def release_backlog(channel: str) -> int:
    """Messages of the channel that waited for the other side, due now; reminders never tried keep their time."""
    now = utcnow()
    result = db.session.execute(
        update(OUTBOX)
        .where(
            OUTBOX.c.channel == channel,
            OUTBOX.c.status == OUTBOX_PENDING,
            OUTBOX.c.attempts > 0,
            OUTBOX.c.next_attempt_at > now,
        )
        .values(next_attempt_at=now)
    )
    return result.rowcount


def claim_due(any_due, claim, lease: timedelta) -> tuple[str, list[Claimed]]:
    """Lease the due messages the claim statement takes (claim_statement) to a new claim token: the token and the
    messages, the oldest first."""
    now = utcnow()
    # A read first: nothing due (the usual answer to a poll) costs no write transaction.
    if db.session.execute(any_due, {"now": now}).first() is None:
        db.session.rollback()
        return "", []
    claim_token = uuid.uuid4().hex
    with unit_of_work():
        rows = db.session.execute(claim, {"now": now, "claimed_by": claim_token, "lease_until": now + lease}).all()
    # RETURNING keeps no order: the oldest first, as they were due.
    return claim_token, [Claimed(*row[:4]) for row in sorted(rows, key=lambda row: (row.created_at, row.id))]


def claim_statement(channel: str, batch_size: int, *, read_only: bool = False, ordered: bool = False):
    """The claim of a channel's due messages as one statement, built once per dispatcher (on the table: no objects);
    read_only: the SELECT alone, which says whether anything is due; ordered: a message goes only when no earlier one
    of its ordered_key waits (pending, due or not), so each key's messages go one at a time, in order."""
    now = bindparam("now", type_=OUTBOX.c.next_attempt_at.type)
    due = (
        select(OUTBOX.c.id)
        .where(
            OUTBOX.c.channel == channel,
            OUTBOX.c.status == OUTBOX_PENDING,
            OUTBOX.c.next_attempt_at <= now,
            or_(OUTBOX.c.lease_until.is_(None), OUTBOX.c.lease_until < now),
            *([~_earlier_waiting()] if ordered else []),
        )
        .order_by(OUTBOX.c.next_attempt_at, OUTBOX.c.created_at)
        .limit(batch_size)
    )
    if read_only:
        return due
    due = skipping_locked(due)
    return (
        update(OUTBOX)
        .where(OUTBOX.c.id.in_(due.scalar_subquery()))
        .values(claimed_by=bindparam("claimed_by"), lease_until=bindparam("lease_until"))
        .returning(OUTBOX.c.id, OUTBOX.c.type, OUTBOX.c.payload, OUTBOX.c.attempts, OUTBOX.c.created_at)
    )


def _earlier_waiting():
    """EXISTS an earlier pending message of the same ordered_key (by created_at, then id)."""
    earlier = OUTBOX.alias("earlier")
    return (
        select(earlier.c.id)
        .where(
            earlier.c.ordered_key == OUTBOX.c.ordered_key,
            earlier.c.status == OUTBOX_PENDING,
            or_(
                earlier.c.created_at < OUTBOX.c.created_at,
                and_(earlier.c.created_at == OUTBOX.c.created_at, earlier.c.id < OUTBOX.c.id),
            ),
        )
        .exists()
    )
