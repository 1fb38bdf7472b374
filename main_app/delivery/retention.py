"""Retention: delivered outbox rows (and the names and addresses in their payloads) and their attempt logs go once
they are older than OUTBOX_RETENTION_DAYS, a small batch at a time from a lane's idle moments. Pending, leased and
dead rows are never touched: a dead one stays until an operator has handled it."""

import time
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from ..database import unit_of_work
from ..extensions import db
from ..models import OUTBOX_DELIVERED, DeliveryAttempt, OutboxMessage, utcnow

BATCH_SIZE = 500  # rows per transaction: short enough never to hold up a claim or a booking
INTERVAL = 60.0  # seconds between batches once there is nothing old left to prune


def prune_delivered(channel: str, older_than: datetime, batch_size: int = BATCH_SIZE) -> int:
    """Delete one batch of the channel's messages delivered before older_than, with their attempts; how many."""
    with unit_of_work():
        ids = db.session.scalars(
            select(OutboxMessage.id)
            .where(
                OutboxMessage.channel == channel,
                OutboxMessage.status == OUTBOX_DELIVERED,
                OutboxMessage.delivered_at < older_than,
                # Implied (a message is delivered once due) and what bounds the walk of the channel's index: without
                # it, finding nothing old read every delivered message the period keeps, each minute.
                OutboxMessage.next_attempt_at < older_than,
            )
            .order_by(OutboxMessage.next_attempt_at)  # the channel's index: the oldest first
            .limit(batch_size)
        ).all()
        if not ids:
            return 0
        db.session.execute(delete(DeliveryAttempt).where(DeliveryAttempt.message_id.in_(ids)))
        db.session.execute(
            delete(OutboxMessage)
            .where(OutboxMessage.id.in_(ids), OutboxMessage.status == OUTBOX_DELIVERED)
            .execution_options(synchronize_session=False)
        )
    return len(ids)


class Pruner:
    """One lane's retention: at most one batch per idle moment; after a batch that found nothing more, a pause."""

    def __init__(
        self,
        channel: str,
        days: int,
        *,
        batch_size: int = BATCH_SIZE,
        interval: float = INTERVAL,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.channel, self.days, self.batch_size, self.interval, self.clock = channel, days, batch_size, interval, clock
        self._next = 0.0

    def __call__(self) -> int:
        """Prune one batch if retention is on (days > 0) and one is due; the rows deleted."""
        if self.days <= 0 or self.clock() < self._next:
            return 0
        pruned = prune_delivered(self.channel, utcnow() - timedelta(days=self.days), self.batch_size)
        # A full batch means more may be waiting: the next idle moment takes another; else wait a while.
        self._next = self.clock() + (0.0 if pruned == self.batch_size else self.interval)
        return pruned
