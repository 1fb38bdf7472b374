"""SQLite: fixed planner statistics for the outbox, so a message is found by its id or booking, not by its status

SQLite plans without statistics until someone runs ANALYZE, and then guesses that `status = 'pending'` (or
`channel = 'email' AND status = 'pending'`) narrows the outbox more than `id IN (…)` or `booking_id IN (…)`. So the
dispatcher's "these were delivered" UPDATE, a booking's reminders on My bookings and dropping them on a cancellation
each walked every pending message through the dispatcher's due indexes: their cost grew with the backlog (1.4 ms for
one My bookings page at 100,000 bookings, 0.01 ms with these figures). SQLite documents writing sqlite_stat1 as the
way to give its planner stable figures: these describe an outbox of 100,000 messages, about four per booking, a few
statuses and three channels. PostgreSQL keeps its own statistics; nothing changes there. A later migration that
rebuilds outbox_messages on SQLite (batch mode) drops these rows and must write them again.

Revision ID: 0011
Revises: 0010
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# sqlite_stat1's "stat": the table's rows, then the rows sharing each leading column prefix of the index.
OUTBOX_STATISTICS = {
    "sqlite_autoindex_outbox_messages_1": "100000 1",  # id
    "ix_outbox_messages_booking_id": "100000 4",
    "ix_outbox_messages_due": "100000 25000 2",  # status, next_attempt_at
    "ix_outbox_messages_channel_due": "100000 33000 10000 2",  # channel, status, next_attempt_at
}


def upgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("ANALYZE sqlite_master")  # creates sqlite_stat1 where it does not exist yet; analyses no table
    op.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'outbox_messages'")
    for index, stat in OUTBOX_STATISTICS.items():
        op.execute(f"INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('outbox_messages', '{index}', '{stat}')")
    op.execute("ANALYZE sqlite_master")  # this connection reads them now; every new one reads them when it opens


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'outbox_messages'")
