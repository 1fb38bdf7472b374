"""A studio's webhooks: webhook_endpoints (an address of its own tools, the event types it hears, its sealed
Standard Webhooks secret) and the outbox's webhooks channel, whose rows name their endpoint (the delivery log) and
the key their order is kept by (an endpoint and an object: a booking's news arrive in the order it happened).

Revision ID: 0085
Revises: 0084
"""

import sqlalchemy as sa
from alembic import op

revision = "0085"
down_revision = "0084"
branch_labels = None
depends_on = None
TIME = sa.DateTime(timezone=True)
CHANNELS = "channel IN ('crm', 'email', 'payments', 'sms', 'app', 'timers', 'whatsapp', 'webhooks')"
EARLIER_CHANNELS = "channel IN ('crm', 'email', 'payments', 'sms', 'app', 'timers', 'whatsapp')"
# The outbox's sqlite_stat1 rows as 0011 wrote them, written again after SQLite rebuilds the table (as in 0071).
OUTBOX_STATISTICS = {
    "sqlite_autoindex_outbox_messages_1": "100000 1",
    "ix_outbox_messages_booking_id": "100000 4",
    "ix_outbox_messages_due": "100000 25000 2",
    "ix_outbox_messages_channel_due": "100000 33000 10000 2",
}
ORDERED = sa.text("ordered_key IS NOT NULL")
OF_ENDPOINT = sa.text("endpoint_id IS NOT NULL")


def _rebuild_outbox(check: str, *, add: bool) -> None:
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_outbox_messages_channel"), type_="check")
        batch_op.create_check_constraint(op.f("ck_outbox_messages_channel"), check)
        if add:
            batch_op.add_column(sa.Column("endpoint_id", sa.Integer(), nullable=True))
            batch_op.add_column(sa.Column("ordered_key", sa.String(length=100), nullable=True))
        else:
            batch_op.drop_column("ordered_key")
            batch_op.drop_column("endpoint_id")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ANALYZE sqlite_master")
        op.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'outbox_messages'")
        for index, stat in OUTBOX_STATISTICS.items():
            op.execute(f"INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('outbox_messages', '{index}', '{stat}')")
        op.execute("ANALYZE sqlite_master")


def upgrade():
    op.create_table(
        "webhook_endpoints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("made_by_id", sa.Integer(), nullable=True),
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("event_types", sa.JSON(), nullable=False),
        sa.Column("secret", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("disabled_at", TIME, nullable=True),
        sa.CheckConstraint("source IN ('app', 'api')", name=op.f("ck_webhook_endpoints_source")),
        sa.ForeignKeyConstraint(
            ["studio_id"], ["studios.id"], name=op.f("fk_webhook_endpoints_studio_id_studios"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["made_by_id"], ["users.id"], name=op.f("fk_webhook_endpoints_made_by_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_endpoints")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_webhook_endpoints_studio_id"), "webhook_endpoints", ["studio_id"])
    op.create_index(op.f("ix_webhook_endpoints_made_by_id"), "webhook_endpoints", ["made_by_id"])
    _rebuild_outbox(CHANNELS, add=True)
    where = {"postgresql_where": ORDERED, "sqlite_where": ORDERED}
    op.create_index("ix_outbox_messages_ordered_key", "outbox_messages", ["ordered_key", "created_at"], **where)
    where = {"postgresql_where": OF_ENDPOINT, "sqlite_where": OF_ENDPOINT}
    op.create_index("ix_outbox_messages_endpoint_id", "outbox_messages", ["endpoint_id", "created_at"], **where)


def downgrade():
    op.drop_index("ix_outbox_messages_endpoint_id", table_name="outbox_messages")
    op.drop_index("ix_outbox_messages_ordered_key", table_name="outbox_messages")
    op.execute("DELETE FROM outbox_messages WHERE channel = 'webhooks'")
    _rebuild_outbox(EARLIER_CHANNELS, add=False)
    op.drop_table("webhook_endpoints")
