"""WhatsApp's webhooks: whatsapp_webhooks (the messages and statuses Meta's webhooks carried, already applied, so the
same one delivered again changes nothing; kept a few days) and the outbox's whatsapp channel (the confirmation of a
STOP or START, sent back to the number).

Revision ID: 0071
Revises: 0070
"""

import sqlalchemy as sa
from alembic import op

revision = "0071"
down_revision = "0070"
branch_labels = None
depends_on = None

CHANNELS = "channel IN ('crm', 'email', 'payments', 'sms', 'app', 'timers', 'whatsapp')"
EARLIER_CHANNELS = "channel IN ('crm', 'email', 'payments', 'sms', 'app', 'timers')"
# The outbox's sqlite_stat1 rows as 0011 wrote them, written again after SQLite rebuilds the table (as in 0041).
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
    op.create_table(
        "whatsapp_webhooks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_number_id", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.String(length=255), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_whatsapp_webhooks")),
        sa.UniqueConstraint("business_number_id", "event_id", name=op.f("uq_whatsapp_webhooks_business_number_id")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_whatsapp_webhooks_received_at"), "whatsapp_webhooks", ["received_at"], unique=False)
    _check_channels(CHANNELS)


def downgrade():
    op.execute("DELETE FROM outbox_messages WHERE channel = 'whatsapp'")
    _check_channels(EARLIER_CHANNELS)
    op.drop_index(op.f("ix_whatsapp_webhooks_received_at"), table_name="whatsapp_webhooks")
    op.drop_table("whatsapp_webhooks")
