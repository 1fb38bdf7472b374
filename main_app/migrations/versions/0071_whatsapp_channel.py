"""An outbox channel for WhatsApp: the outbox's channel check admits 'whatsapp'.

SQLite rebuilds the table to change a check (batch mode), which drops the planner figures 0011 wrote for it; they are
written again here, with the same values (as in 0015 and 0041).

Revision ID: 0071
Revises: 0070
"""

from alembic import op

revision = "0071"
down_revision = "0070"
branch_labels = None
depends_on = None

CHANNELS = "channel IN ('crm', 'email', 'payments', 'sms', 'app', 'timers', 'whatsapp')"
EARLIER_CHANNELS = "channel IN ('crm', 'email', 'payments', 'sms', 'app', 'timers')"
# The outbox's sqlite_stat1 rows as 0011 wrote them: 100,000 messages, about four per booking.
OUTBOX_STATISTICS = {
    "sqlite_autoindex_outbox_messages_1": "100000 1",
    "ix_outbox_messages_booking_id": "100000 4",
    "ix_outbox_messages_due": "100000 25000 2",
    "ix_outbox_messages_channel_due": "100000 33000 10000 2",
}


def _check_channels(check: str) -> None:
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_outbox_messages_channel"), type_="check")
        batch_op.create_check_constraint(op.f("ck_outbox_messages_channel"), check)
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ANALYZE sqlite_master")
        op.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'outbox_messages'")
        for index, stat in OUTBOX_STATISTICS.items():
            op.execute(f"INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('outbox_messages', '{index}', '{stat}')")
        op.execute("ANALYZE sqlite_master")


def upgrade():
    _check_channels(CHANNELS)


def downgrade():
    messages = "SELECT id FROM outbox_messages WHERE channel = 'whatsapp'"
    op.execute(f"DELETE FROM delivery_attempts WHERE message_id IN ({messages})")
    op.execute("DELETE FROM outbox_messages WHERE channel = 'whatsapp'")
    _check_channels(EARLIER_CHANNELS)
