"""A studio's closing: when its owner closed it (null: open); the row stays, so its slug stays taken.

Revision ID: 0047
Revises: 0046
"""

import sqlalchemy as sa
from alembic import op

revision = "0047"
down_revision = "0046"
branch_labels = None
depends_on = None


def upgrade():
    # Nullable: added without a rebuild on SQLite; every studio there is open.
    op.add_column("studios", sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    # One column, in no index or key: dropped in place on SQLite too (3.35+), as a rebuild of the table every other
    # table refers to would trip their foreign keys.
    op.execute("ALTER TABLE studios DROP COLUMN closed_at")
