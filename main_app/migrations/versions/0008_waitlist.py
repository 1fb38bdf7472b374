"""waiting lists: a place in line per person and session; bookings note when they came from the line

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "waitlist_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], name=op.f("fk_waitlist_entries_session_id_sessions")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_waitlist_entries_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_waitlist_entries")),
        sa.UniqueConstraint("session_id", "user_id", name=op.f("uq_waitlist_entries_session_id")),
    )
    op.create_index("ix_waitlist_entries_line", "waitlist_entries", ["session_id", "created_at", "id"])
    op.create_index("ix_waitlist_entries_user_id", "waitlist_entries", ["user_id"])
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("from_waitlist", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_column("from_waitlist")
    op.drop_index("ix_waitlist_entries_user_id", table_name="waitlist_entries")
    op.drop_index("ix_waitlist_entries_line", table_name="waitlist_entries")
    op.drop_table("waitlist_entries")
