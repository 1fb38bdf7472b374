"""Index events by their end and status: the catalogue counts the events not yet over on it, never the whole table.

Revision ID: 0034
Revises: 0033
"""

from alembic import op

revision = "0034"
down_revision = "0033"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_events_ends_at_status", "events", ["ends_at", "status"], unique=False)


def downgrade():
    op.drop_index("ix_events_ends_at_status", table_name="events")
