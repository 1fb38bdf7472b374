"""A studio's booking widget: the sites allowed to frame it (CSP frame-ancestors), space-separated origins.

Revision ID: 0062
Revises: 0061
"""

import sqlalchemy as sa
from alembic import op

revision = "0062"
down_revision = "0061"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("studios", sa.Column("embed_origins", sa.Text(), nullable=True))


def downgrade():
    op.drop_column("studios", "embed_origins")
