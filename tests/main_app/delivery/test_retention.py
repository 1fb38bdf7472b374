"""Retention: delivered outbox rows and their attempt logs older than OUTBOX_RETENTION_DAYS go, a batch at a time,
from a lane's idle moments; pending, leased, dead and young delivered rows stay."""

import threading
from datetime import timedelta

import probes
import pytest
import sqlalchemy as sa

from main_app.config import load_config
from main_app.database import unit_of_work
from main_app.delivery.outbox import insert_rows, outbox_row
from main_app.delivery.retention import Pruner, prune_delivered
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import (
    CHANNEL_CRM,
    CHANNEL_EMAIL,
    OUTBOX_DEAD,
    OUTBOX_DELIVERED,
    OUTBOX_PENDING,
    DeliveryAttempt,
    OutboxMessage,
    utcnow,
)

pytestmark = pytest.mark.both_databases

OLD, YOUNG = timedelta(days=31), timedelta(days=29)


@pytest.fixture
def app(make_app, fake_crm):
    return make_app(CRM_BASE_URL=fake_crm.url)


def add_rows(app, count: int, *, status: str, age: timedelta, channel: str = CHANNEL_CRM, leased: bool = False):
    """count outbox rows in status, created and (if delivered) delivered age ago, each with one attempt."""
    now = utcnow()
    rows = []
    for _ in range(count):
        row = outbox_row(channel, "booking_created", {"user": {"email": "ada@example.com"}})
        row.update(status=status, created_at=now - age, next_attempt_at=now - age)
        if status == OUTBOX_DELIVERED:
            row["delivered_at"] = now - age
        if leased:
            row.update(claimed_by="someone", lease_until=now + timedelta(minutes=5))
        rows.append(row)
    with app.app_context(), unit_of_work():
        insert_rows(rows)
        db.session.execute(
            sa.insert(DeliveryAttempt),
            [{"message_id": r["id"], "attempted_at": now - age, "worker_id": "w", "latency_ms": 1.0} for r in rows],
        )
    return {row["id"] for row in rows}


def remaining(app) -> tuple[set[str], set[str]]:
    """The ids of the outbox rows left, and of the messages that still have attempts."""
    with app.app_context():
        messages = set(db.session.scalars(sa.select(OutboxMessage.id)))
        attempts = set(db.session.scalars(sa.select(DeliveryAttempt.message_id)))
        db.session.rollback()
    return messages, attempts


def test_only_old_delivered_rows_go_with_their_attempts_in_batches(app):
    old = add_rows(app, 25, status=OUTBOX_DELIVERED, age=OLD)
    kept = add_rows(app, 3, status=OUTBOX_DELIVERED, age=YOUNG)
    kept |= add_rows(app, 3, status=OUTBOX_PENDING, age=OLD)
    kept |= add_rows(app, 3, status=OUTBOX_PENDING, age=OLD, leased=True)
    kept |= add_rows(app, 3, status=OUTBOX_DEAD, age=OLD)
    kept |= add_rows(app, 3, status=OUTBOX_DELIVERED, age=OLD, channel=CHANNEL_EMAIL)  # another lane's

    with app.app_context():
        cutoff = utcnow() - timedelta(days=30)
        batches = []
        while pruned := prune_delivered(CHANNEL_CRM, cutoff, batch_size=10):
            batches.append(pruned)
    assert batches == [10, 10, 5]
    messages, attempts = remaining(app)
    assert messages == kept and attempts == kept
    assert not old & messages


def test_the_pruner_takes_one_batch_per_call_then_pauses(app):
    add_rows(app, 12, status=OUTBOX_DELIVERED, age=OLD)
    now = [0.0]
    pruner = Pruner(CHANNEL_CRM, 30, batch_size=5, interval=60.0, clock=lambda: now[0])
    with app.app_context():
        assert [pruner(), pruner(), pruner()] == [5, 5, 2]  # full batches: the next idle moment goes on
        assert pruner() == 0  # a short batch: nothing until the interval has passed
        add_rows(app, 1, status=OUTBOX_DELIVERED, age=OLD)
        assert pruner() == 0
        now[0] = 61.0
        assert pruner() == 1


def test_zero_days_keeps_everything(app):
    add_rows(app, 4, status=OUTBOX_DELIVERED, age=timedelta(days=3650))
    with app.app_context():
        assert Pruner(CHANNEL_CRM, 0)() == 0
    assert len(remaining(app)[0]) == 4


def test_a_lane_delivers_new_messages_and_prunes_old_ones_in_the_same_run(app, fake_crm):
    old = add_rows(app, 30, status=OUTBOX_DELIVERED, age=OLD)
    new = add_rows(app, 20, status=OUTBOX_PENDING, age=timedelta(0))
    with app.app_context():
        lane = build_dispatcher(app.config, channel=CHANNEL_CRM)
    lane.when_idle = Pruner(CHANNEL_CRM, 30, batch_size=7, interval=3600.0)

    def run():
        with app.app_context():
            lane.run()

    thread = threading.Thread(target=run, name="crm-lane")
    thread.start()
    try:

        def done():
            messages, _ = remaining(app)
            with app.app_context():
                delivered = db.session.scalar(
                    sa.select(sa.func.count()).where(
                        OutboxMessage.status == OUTBOX_DELIVERED, OutboxMessage.id.in_(new)
                    )
                )
                db.session.rollback()
            return not old & messages and delivered == len(new)

        assert probes.wait_until(done, 30)
    finally:
        lane.request_stop()
        thread.join(10)
        lane.close()
    assert {item["notification_id"] for item in fake_crm.batch_items()} == new


@pytest.mark.parametrize(("raw", "days"), [("", 30), ("0", 0), ("7", 7), ("-1", None), ("week", None), ("1.5", None)])
def test_the_setting_is_a_whole_number_of_days_checked_at_start(raw, days):
    env = {"OUTBOX_RETENTION_DAYS": raw}
    if days is None:
        with pytest.raises(RuntimeError, match="OUTBOX_RETENTION_DAYS"):
            load_config(env)
    else:
        assert load_config(env)["OUTBOX_RETENTION_DAYS"] == days
