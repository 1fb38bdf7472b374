"""Index the catalogue's kind and facilitator filters with the event's end: the events of a kind, or of a
facilitator, not yet over are a range of the index, where the single-column indexes held every event ever made.

Revision ID: 0035
Revises: 0034
"""

from alembic import op

revision = "0035"
down_revision = "0034"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_events_kind_ends_at", "events", ["kind", "ends_at"], unique=False)
    op.create_index("ix_events_facilitator_id_ends_at", "events", ["facilitator_id", "ends_at"], unique=False)
    op.drop_index("ix_events_kind", table_name="events")
    op.drop_index("ix_events_facilitator_id", table_name="events")


def downgrade():
    op.create_index("ix_events_facilitator_id", "events", ["facilitator_id"], unique=False)
    op.create_index("ix_events_kind", "events", ["kind"], unique=False)
    op.drop_index("ix_events_facilitator_id_ends_at", table_name="events")
    op.drop_index("ix_events_kind_ends_at", table_name="events")
