"""When a person erased their account: the row stays for the bookings and money that point to it.

Revision ID: 0052
Revises: 0051
"""

import sqlalchemy as sa
from alembic import op

revision = "0052"
down_revision = "0051"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    # Not a batch: rebuilding users would trip the foreign keys that point to it (SQLite 3.35+ drops a column).
    op.drop_column("users", "erased_at")
