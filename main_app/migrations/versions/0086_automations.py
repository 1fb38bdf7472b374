"""Studios' automations (automations: a trigger and steps), the people in them (automation_entries: one per
automation, person and occurrence) and the steps each went through (automation_steps_done: one per entry and step),
and the birthday a person may give (users.birthday).

New tables and one nullable column: nothing existing is rebuilt.

Revision ID: 0086
Revises: 0085
"""

import sqlalchemy as sa
from alembic import op

revision = "0086"
down_revision = "0085"
branch_labels = None
depends_on = None
TIME = sa.DateTime(timezone=True)


def _automations() -> None:
    op.create_table(
        "automations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("template", sa.String(length=32), nullable=True),
        sa.Column("trigger", sa.String(length=32), nullable=False),
        sa.Column("trigger_days", sa.Integer(), nullable=True),
        sa.Column("steps", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("switched_on_at", TIME, nullable=True),
        sa.Column("made_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("updated_at", TIME, nullable=False),
        sa.Column("removed_at", TIME, nullable=True),
        sa.ForeignKeyConstraint(
            ["studio_id"], ["studios.id"], name=op.f("fk_automations_studio_id_studios"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["made_by_id"], ["users.id"], name=op.f("fk_automations_made_by_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_automations")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_automations_studio_id_trigger", "automations", ["studio_id", "trigger"])
    op.create_index(op.f("ix_automations_made_by_id"), "automations", ["made_by_id"])


def _entries() -> None:
    op.create_table(
        "automation_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("automation_id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("occurrence", sa.String(length=64), nullable=False),
        sa.Column("step", sa.Integer(), server_default="0", nullable=False),
        sa.Column("state", sa.String(length=16), server_default="waiting", nullable=False),
        sa.Column("due_at", TIME, nullable=True),
        sa.Column("entered_at", TIME, nullable=False),
        sa.Column("finished_at", TIME, nullable=True),
        sa.Column("left_because", sa.String(length=32), nullable=True),
        sa.Column("code", sa.String(length=40), nullable=True),
        sa.CheckConstraint("state IN ('waiting', 'finished', 'left')", name=op.f("ck_automation_entries_state")),
        sa.ForeignKeyConstraint(
            ["automation_id"],
            ["automations.id"],
            name=op.f("fk_automation_entries_automation_id_automations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_automation_entries_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_automation_entries")),
        sa.UniqueConstraint("automation_id", "user_id", "occurrence", name=op.f("uq_automation_entries_automation_id")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_automation_entries_due", "automation_entries", ["automation_id", "state", "due_at"])
    op.create_index("ix_automation_entries_user_id", "automation_entries", ["user_id"])


def _steps_done() -> None:
    op.create_table(
        "automation_steps_done",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=False),
        sa.Column("done_at", TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["automation_entries.id"],
            name=op.f("fk_automation_steps_done_entry_id_automation_entries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_automation_steps_done")),
        sa.UniqueConstraint("entry_id", "step", name=op.f("uq_automation_steps_done_entry_id")),
        sqlite_autoincrement=True,
    )


def upgrade():
    _automations()
    _entries()
    _steps_done()
    op.add_column("users", sa.Column("birthday", sa.Date(), nullable=True))


def downgrade():
    op.drop_column("users", "birthday")
    op.drop_table("automation_steps_done")
    op.drop_table("automation_entries")
    op.drop_table("automations")
