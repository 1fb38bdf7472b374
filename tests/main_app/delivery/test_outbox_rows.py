"""Outbox rows written by insert_rows: a write's few new rows in a statement written for that many, more rows in
one batched statement, rows of another status as given; each way one INSERT, every column as given."""

from datetime import timedelta

import probes
import pytest
import sqlalchemy as sa

from main_app.database import unit_of_work
from main_app.delivery.outbox import MOST_ROWS_LISTED, insert_rows, outbox_row
from main_app.extensions import db
from main_app.models import OUTBOX_DELIVERED, OUTBOX_PENDING, OutboxMessage, utcnow

pytestmark = pytest.mark.both_databases


def rows(count: int, **changes) -> list[dict]:
    later = utcnow() + timedelta(hours=2)
    return [
        {
            **outbox_row("email", f"kind_{i}", {"n": i, "name": "Zoë", "big": 2**70}, booking_id=i, send_at=later),
            **changes,
        }
        for i in range(count)
    ]


@pytest.mark.parametrize("count", [1, 7, MOST_ROWS_LISTED, MOST_ROWS_LISTED + 1, 40])
@pytest.mark.parametrize("changes", [{}, {"status": OUTBOX_DELIVERED, "attempts": 2}], ids=["new", "delivered"])
def test_rows_go_in_one_insert_with_every_column_as_given(app, count, changes):
    written = rows(count, **changes)
    with app.app_context():
        _, statements = probes.count_statements(db.engine, lambda: _insert(written))
        stored = {m.id: m for m in db.session.scalars(sa.select(OutboxMessage))}
    assert statements == 1
    assert len(stored) == count
    for row in written:
        message = stored[row["id"]]
        assert (message.channel, message.type, message.booking_id) == (row["channel"], row["type"], row["booking_id"])
        assert message.payload == row["payload"]
        assert (message.status, message.attempts) == (changes.get("status", OUTBOX_PENDING), changes.get("attempts", 0))
        assert (message.next_attempt_at, message.created_at) == (row["next_attempt_at"], row["created_at"])


def _insert(written: list[dict]) -> None:
    with unit_of_work():
        insert_rows(written)
