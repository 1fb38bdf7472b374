"""Where an event is held, as tax needs it: its country and, in India, its GST state code (the place of supply of
admission to it or a stay at it).

Columns added in place (nullable: no table rebuild on SQLite, so the events' triggers, ids and counters stay).

Revision ID: 0066
Revises: 0065
"""

import sqlalchemy as sa
from alembic import op

revision = "0066"
down_revision = "0065"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("events", sa.Column("location_country", sa.String(length=2), nullable=True))
    op.add_column("events", sa.Column("location_state_code", sa.String(length=2), nullable=True))


def downgrade():
    op.drop_column("events", "location_state_code")
    op.drop_column("events", "location_country")
