"""In-app notifications: the notification centre's table, and an outbox channel ('app') that fills it.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

CHANNELS = "channel IN ('crm', 'email', 'payments', 'sms', 'app')"
EARLIER_CHANNELS = "channel IN ('crm', 'email', 'payments', 'sms')"
# The outbox's sqlite_stat1 rows as 0011 wrote them, written again after SQLite rebuilds the table (as in 0015).
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
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("body", sa.String(length=1000), nullable=False),
        sa.Column("link", sa.String(length=300), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_notifications_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
        sa.UniqueConstraint("message_id", name=op.f("uq_notifications_message_id")),
    )
    op.create_index("ix_notifications_user_read", "notifications", ["user_id", "read_at", "id"])
    _check_channels(CHANNELS)


def downgrade():
    notices = "SELECT id FROM outbox_messages WHERE channel = 'app'"
    op.execute(f"DELETE FROM delivery_attempts WHERE message_id IN ({notices})")
    op.execute("DELETE FROM outbox_messages WHERE channel = 'app'")
    _check_channels(EARLIER_CHANNELS)
    op.drop_index("ix_notifications_user_read", table_name="notifications")
    op.drop_table("notifications")
