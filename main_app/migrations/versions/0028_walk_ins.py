"""Bookings made at the door (walk-ins), for the attendance figures.

Revision ID: 0028
Revises: 0027
"""

import sqlalchemy as sa
from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("bookings") as batch:
        batch.add_column(sa.Column("walk_in", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table("bookings") as batch:
        batch.drop_column("walk_in")
