"""client segments: each studio's saved filters of its client book

Revision ID: f3a5c7e9b1d4
Revises: e1f9a3c7b5d2
Create Date: 2026-11-26 16:40:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "f3a5c7e9b1d4"
down_revision = "e1f9a3c7b5d2"
branch_labels = None
depends_on = None
TIME = sa.DateTime(timezone=True)  # models.UTCDateTime only converts in Python


def upgrade():
    op.create_table(
        "crm_segments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("filters", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("updated_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_segments")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_crm_segments_studio_id_name", "crm_segments", ["studio_id", "name"])


def downgrade():
    op.drop_table("crm_segments")
