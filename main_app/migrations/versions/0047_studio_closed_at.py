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
    with op.batch_alter_table("studios", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_column("closed_at")
