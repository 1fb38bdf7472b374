"""Families: the guardians of a family (one family per account) and its children, with the consent that keeps each
child's data; bookings and places in line name the child they are for, one seat (and one place) per child in a
session; an event's age range.

New tables, and columns added in place (no table rebuild on SQLite: the bookings' and events' triggers, ids and
counters stay); the bookings' one-seat index is made again, for the booker themself only.

Revision ID: 0076
Revises: 0075
"""

import sqlalchemy as sa
from alembic import op

revision = "0076"
down_revision = "0075"
branch_labels = None
depends_on = None

SEAT_HOLDING = "status IN ('active', 'pending_payment', 'pending_approval')"


def _one_seat_per_user(where: str) -> None:
    op.create_index(
        "uq_bookings_one_seat_per_user",
        "bookings",
        ["session_id", "user_id"],
        unique=True,
        sqlite_where=sa.text(where),
        postgresql_where=sa.text(where),
    )


def _partial_unique(name: str, table: str, where: str) -> None:
    op.create_index(
        name,
        table,
        ["session_id", "dependent_id"],
        unique=True,
        sqlite_where=sa.text(where),
        postgresql_where=sa.text(where),
    )


def _drop_rebuilding(table: str, column: str) -> None:
    """SQLite: drop a column named by a table-level foreign key (which DROP COLUMN refuses) by rebuilding the table
    (keeping its AUTOINCREMENT), its triggers made again as they were written and its id counter where it stood."""
    bind = op.get_bind()
    triggers = bind.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,))
    triggers = triggers.scalars().all()
    counter = bind.exec_driver_sql("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).scalar() or 0
    with op.batch_alter_table(table, table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_column(column)
    for trigger in triggers:
        op.execute(trigger)
    now = bind.exec_driver_sql("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).scalar() or 0
    bind.exec_driver_sql("DELETE FROM sqlite_sequence WHERE name = ?", (table,))
    bind.exec_driver_sql("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, max(now, counter)))


def _families() -> None:
    op.create_table(
        "families",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_families")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "family_guardians",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('primary', 'second')", name=op.f("ck_family_guardians_role")),
        sa.ForeignKeyConstraint(["family_id"], ["families.id"], name=op.f("fk_family_guardians_family_id_families")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_family_guardians_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_guardians")),
        sa.UniqueConstraint("user_id", name=op.f("uq_family_guardians_user_id")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_family_guardians_family_id"), "family_guardians", ["family_id"])
    second = sa.text("role = 'second'")
    op.create_index(
        "uq_family_guardians_one_second", "family_guardians", ["family_id"], unique=True, sqlite_where=second,
        postgresql_where=second,
    )  # fmt: skip


def _dependents() -> None:
    op.create_table(
        "dependents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("notes_for_teacher", sa.String(length=500), nullable=True),
        sa.Column("consent_version", sa.String(length=20), nullable=False),
        sa.Column("consent_wording_sha256", sa.String(length=64), nullable=False),
        sa.Column("consented_by", sa.Integer(), nullable=True),
        sa.Column("consented_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("consent_ip", sa.String(length=64), nullable=True),
        sa.Column("consent_user_agent", sa.String(length=300), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["family_id"], ["families.id"], name=op.f("fk_dependents_family_id_families")),
        sa.ForeignKeyConstraint(
            ["consented_by"], ["users.id"], name=op.f("fk_dependents_consented_by_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dependents")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_dependents_family_id"), "dependents", ["family_id"])
    op.create_index(op.f("ix_dependents_consented_by"), "dependents", ["consented_by"])


def _add_dependent_column(table: str) -> None:
    """The column naming the child and its foreign key: written inline on SQLite (ADD COLUMN in place, where a
    constraint cannot be added after), named as the models name it on PostgreSQL."""
    name = op.f(f"fk_{table}_dependent_id_dependents")
    if op.get_bind().dialect.name == "sqlite":
        column = sa.Column("dependent_id", sa.Integer(), sa.ForeignKey("dependents.id", name=name), nullable=True)
        op.add_column(table, column, inline_references=True)
    else:
        op.add_column(table, sa.Column("dependent_id", sa.Integer(), nullable=True))
        op.create_foreign_key(name, table, "dependents", ["dependent_id"], ["id"])


def upgrade():
    _families()
    _dependents()
    op.add_column("events", sa.Column("min_age", sa.Integer(), nullable=True))
    op.add_column("events", sa.Column("max_age", sa.Integer(), nullable=True))
    for table in ("bookings", "waitlist_entries"):
        _add_dependent_column(table)
    for table in ("bookings", "waitlist_entries"):
        op.create_index(op.f(f"ix_{table}_dependent_id"), table, ["dependent_id"])
    op.drop_index("uq_bookings_one_seat_per_user", table_name="bookings")
    _one_seat_per_user(f"{SEAT_HOLDING} AND dependent_id IS NULL")
    _partial_unique("uq_bookings_one_seat_per_dependent", "bookings", f"{SEAT_HOLDING} AND dependent_id IS NOT NULL")
    _partial_unique("uq_waitlist_entries_one_place_per_dependent", "waitlist_entries", "dependent_id IS NOT NULL")


def downgrade():
    # Children's seats and places end with the children: without them they would be their guardian's second ones.
    op.execute(
        "UPDATE sessions SET seats_taken = seats_taken - (SELECT COALESCE(SUM(b.seats), 0) FROM bookings b "
        f"WHERE b.session_id = sessions.id AND b.dependent_id IS NOT NULL AND b.{SEAT_HOLDING})"
    )
    op.execute(
        "UPDATE session_options SET seats_taken = seats_taken - (SELECT COALESCE(SUM(b.seats), 0) FROM bookings b "
        f"WHERE b.option_id = session_options.id AND b.dependent_id IS NOT NULL AND b.{SEAT_HOLDING})"
    )
    op.execute(f"UPDATE bookings SET status = 'cancelled' WHERE dependent_id IS NOT NULL AND {SEAT_HOLDING}")
    op.execute("DELETE FROM waitlist_entries WHERE dependent_id IS NOT NULL")
    op.drop_index("uq_waitlist_entries_one_place_per_dependent", table_name="waitlist_entries")
    op.drop_index("uq_bookings_one_seat_per_dependent", table_name="bookings")
    op.drop_index("uq_bookings_one_seat_per_user", table_name="bookings")
    _one_seat_per_user(SEAT_HOLDING)
    for table in ("waitlist_entries", "bookings"):
        op.drop_index(op.f(f"ix_{table}_dependent_id"), table_name=table)
        if op.get_bind().dialect.name == "postgresql":
            op.drop_constraint(op.f(f"fk_{table}_dependent_id_dependents"), table, type_="foreignkey")
        if op.get_bind().dialect.name == "sqlite" and table == "waitlist_entries":
            _drop_rebuilding("waitlist_entries", "dependent_id")  # 0079 rebuilt it: its key is the table's now
            continue
        op.drop_column(table, "dependent_id")
    op.drop_column("events", "max_age")
    op.drop_column("events", "min_age")
    op.drop_table("dependents")
    op.drop_index("uq_family_guardians_one_second", table_name="family_guardians")
    op.drop_index(op.f("ix_family_guardians_family_id"), table_name="family_guardians")
    op.drop_table("family_guardians")
    op.drop_table("families")
