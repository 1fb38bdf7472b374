"""A timers channel: timed jobs (holds, approvals and offers ending, sessions closing, answers purged, pass checkouts
ending, lapses, instalments' steps) get their own lane; the payments channel keeps only money. Their rows of every
status move over, so a pending one runs on time and a dead one is retried in the lane that knows its kind.

Revision ID: 0041
Revises: 0040
"""

from alembic import op

revision = "0041"
down_revision = "0040"
branch_labels = None
depends_on = None

CHANNELS = "channel IN ('crm', 'email', 'payments', 'sms', 'app', 'timers')"
EARLIER_CHANNELS = "channel IN ('crm', 'email', 'payments', 'sms', 'app')"
# The timers lane's kinds, as their outbox rows' types have always been spelt (main_app.lanes.timers).
TIMED_TYPES = (
    "hold_expiry",
    "approval_expiry",
    "offer_expiry",
    "session_close",
    "answers_purge",
    "pass_checkout_end",
    "pass_lapse",
    "instalment_reminder_7",
    "instalment_reminder_1",
    "instalment_due",
    "instalment_grace",
)
TIMED = "type IN ({})".format(", ".join(f"'{kind}'" for kind in TIMED_TYPES))
# The outbox's sqlite_stat1 rows as 0011 wrote them, written again after SQLite rebuilds the table (as in 0016).
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
    op.execute(f"UPDATE outbox_messages SET channel = 'timers' WHERE channel = 'payments' AND {TIMED}")


def downgrade():
    op.execute("UPDATE outbox_messages SET channel = 'payments' WHERE channel = 'timers'")
    _check_channels(EARLIER_CHANNELS)
