"""SQLite: every table with an integer id becomes AUTOINCREMENT, so a deleted row's id never comes back

Without it SQLite gives a new row the highest id in use plus one: delete the newest place in line and the next one
gets its id. Ids are named after their row is gone (the pass ledger's holds name their place in line, an offer's
link names its place, outbox payloads name bookings and places), so a reused id spent a credit twice and let a used
offer link answer someone else's offer. SQLite can only add AUTOINCREMENT by rebuilding a table: this follows its
documented procedure for such changes (foreign keys off, the rebuilds in one transaction, `foreign_key_check`, foreign
keys on), with Alembic's batch mode keeping each table's columns, constraints, indexes and rows. Turning foreign keys
off matters: dropping `users` with them on would delete every revoked token through its ON DELETE CASCADE.

Each table's counter starts at the highest id anything still names (rows, ledger holds, outbox messages, in-app
notifications), so ids deleted before this migration are not given again either where something remembers them.
PostgreSQL's sequences never go back: nothing changes there.

Revision ID: 0037
Revises: 0036
"""

import sqlalchemy as sa
from alembic import op

revision = "0037"
down_revision = "0036"
branch_labels = None
depends_on = None

TABLES = (
    "users",
    "events",
    "sessions",
    "session_series",
    "session_options",
    "event_questions",
    "bookings",
    "booking_guests",
    "booking_answers",
    "booking_instalments",
    "waitlist_entries",
    "checkins",
    "feedback",
    "pass_products",
    "passes",
    "pass_ledger",
    "discount_codes",
    "code_uses",
    "payments",
    "payment_webhooks",
    "delivery_attempts",
    "notifications",
)
# Ids named outside their table's foreign keys, so they may outlive their row: (table, SQL of the ids named).
NAMED_ELSEWHERE = {
    "waitlist_entries": (
        "SELECT waitlist_entry_id FROM pass_ledger",
        "SELECT json_extract(payload, '$.offer_entry_id') FROM outbox_messages",
    ),
    "bookings": ("SELECT booking_id FROM outbox_messages", "SELECT booking_id FROM notifications"),
    "sessions": ("SELECT session_id FROM notifications",),
}


def upgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    _rebuild(autoincrement=True)
    for table in TABLES:
        _start_counter_after_named(table)


def downgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    _rebuild(autoincrement=False)


def _rebuild(autoincrement: bool) -> None:
    """Rebuild every table in TABLES, with or without AUTOINCREMENT, foreign keys off around the rebuilds (the
    pragma is ignored inside a transaction: each switch commits what ran before it)."""
    with op.get_context().autocommit_block():
        op.execute("PRAGMA foreign_keys = OFF")
    for table in TABLES:
        kwargs = {"sqlite_autoincrement": True} if autoincrement else {}
        with op.batch_alter_table(table, recreate="always", table_kwargs=kwargs):
            pass
    broken = op.get_bind().execute(sa.text("PRAGMA foreign_key_check")).all()
    if broken:
        raise RuntimeError(f"rows refer to rows that do not exist: {broken[:5]}")
    with op.get_context().autocommit_block():
        op.execute("PRAGMA foreign_keys = ON")


def _start_counter_after_named(table: str) -> None:
    """Set the table's AUTOINCREMENT counter to the highest id its rows or anything else still name."""
    named = " UNION ALL ".join((f"SELECT id FROM {table}", *NAMED_ELSEWHERE.get(table, ())))
    bind = op.get_bind()
    highest = bind.execute(sa.text(f"SELECT coalesce(max(id), 0) FROM ({named})")).scalar_one()
    bind.execute(sa.text("DELETE FROM sqlite_sequence WHERE name = :table"), {"table": table})
    insert = sa.text("INSERT INTO sqlite_sequence (name, seq) VALUES (:table, :seq)")
    bind.execute(insert, {"table": table, "seq": highest})
