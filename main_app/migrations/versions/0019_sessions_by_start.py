"""The timetable reads sessions by their start across events: an index leading with it.

Revision ID: 0019
Revises: 0018
"""

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_sessions_starts_at_id", "sessions", ["starts_at", "id"])


def downgrade():
    op.drop_index("ix_sessions_starts_at_id", table_name="sessions")
