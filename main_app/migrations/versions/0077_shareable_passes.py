"""Shareable passes: a pass product the studio marks shareable is sold as a pass that anyone in its buyer's family
may book with (a guardian, the other guardian, their children), within the pass's own credits and weekly limit.

Columns added in place, false for every product and pass sold so far (no table rebuild on SQLite).

Revision ID: 0077
Revises: 0076
"""

import sqlalchemy as sa
from alembic import op

revision = "0077"
down_revision = "0076"
branch_labels = None
depends_on = None


def upgrade():
    for table in ("pass_products", "passes"):
        op.add_column(table, sa.Column("shareable", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    for table in ("passes", "pass_products"):
        op.drop_column(table, "shareable")
