"""Languages: the one a person chose, a studio's default, and the one a booking was made in.

Columns added in place (no table rebuild on SQLite, so the tables' ids, triggers and counters stay); the values are
checked where they are written (the schemas and services.languages), as the other settings are.

Revision ID: 0068
Revises: 0067
"""

import sqlalchemy as sa
from alembic import op

revision = "0068"
down_revision = "0067"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("language", sa.String(length=8), nullable=True))
    op.add_column("studios", sa.Column("default_language", sa.String(length=8), server_default="en", nullable=False))
    op.add_column("bookings", sa.Column("language", sa.String(length=8), nullable=True))


def downgrade():
    op.drop_column("bookings", "language")
    op.drop_column("studios", "default_language")
    op.drop_column("users", "language")
