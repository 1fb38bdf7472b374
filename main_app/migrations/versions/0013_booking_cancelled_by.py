"""Who cancelled a booking: the person or the facilitator (null for bookings cancelled before it was recorded, and
for the ones not cancelled), so My bookings says it from the booking instead of guessing from its session.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("bookings") as batch:
        batch.add_column(sa.Column("cancelled_by", sa.String(length=20), nullable=True))


def downgrade():
    with op.batch_alter_table("bookings") as batch:
        batch.drop_column("cancelled_by")
