"""A child's place in a waiting list: one place per person in a session's line becomes one per person for
themself (dependent_id null) and one per child, so a guardian can wait for their own seat and each child's.

SQLite drops a table's unique constraint only by rebuilding it (batch mode, keeping its AUTOINCREMENT); its partial
index is dropped before and made again after, as the rebuild would not carry its WHERE, and the tally triggers of
0059 (dropped with the old table) are made again as they were written, and its id counter kept. PostgreSQL drops the
constraint in place.

Revision ID: 0079
Revises: 0078
"""

import sqlalchemy as sa
from alembic import op

revision = "0079"
down_revision = "0078"
branch_labels = None
depends_on = None

NEVER_REUSED = {"sqlite_autoincrement": True}
TABLE, OLD = "waitlist_entries", "uq_waitlist_entries_session_id"
COUNTER = "SELECT seq FROM sqlite_sequence WHERE name = ?"
TRIGGERS = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name"
PER_CHILD, PER_PERSON = "uq_waitlist_entries_one_place_per_dependent", "uq_waitlist_entries_one_place_per_user"


def _partial_unique(name: str, column: str, where: str) -> None:
    op.create_index(
        name, TABLE, ["session_id", column], unique=True, sqlite_where=sa.text(where), postgresql_where=sa.text(where)
    )


def _rebuilt(change) -> None:
    """Change the table's constraints with change(batch). On SQLite the table is rebuilt: its triggers (0059's
    tallies) are made again as they were written, and its AUTOINCREMENT counter set back to where it stood (the new
    table's would start after the highest id left, giving again the ids of places deleted, which ledger holds and
    offer links still name)."""
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    triggers = bind.exec_driver_sql(TRIGGERS, (TABLE,)).scalars().all() if sqlite else []
    counter = bind.exec_driver_sql(COUNTER, (TABLE,)).scalar() if sqlite else None
    with op.batch_alter_table(TABLE, table_kwargs=NEVER_REUSED) as batch:
        change(batch)
    for trigger in triggers:
        op.execute(trigger)
    if counter is not None:
        now = bind.exec_driver_sql(COUNTER, (TABLE,)).scalar() or 0
        bind.exec_driver_sql("DELETE FROM sqlite_sequence WHERE name = ?", (TABLE,))
        bind.exec_driver_sql("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (TABLE, max(now, counter)))


def upgrade():
    op.drop_index(PER_CHILD, table_name=TABLE)
    _rebuilt(lambda batch: batch.drop_constraint(OLD, type_="unique"))
    _partial_unique(PER_CHILD, "dependent_id", "dependent_id IS NOT NULL")
    _partial_unique(PER_PERSON, "user_id", "dependent_id IS NULL")


def downgrade():
    # Without per-child places a child's place would be the guardian's second one in the same line.
    op.execute(f"DELETE FROM {TABLE} WHERE dependent_id IS NOT NULL")
    op.drop_index(PER_PERSON, table_name=TABLE)
    op.drop_index(PER_CHILD, table_name=TABLE)
    _rebuilt(lambda batch: batch.create_unique_constraint(OLD, ["session_id", "user_id"]))
    _partial_unique(PER_CHILD, "dependent_id", "dependent_id IS NOT NULL")
