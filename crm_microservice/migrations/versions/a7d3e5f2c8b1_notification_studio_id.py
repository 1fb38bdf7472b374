"""notifications name their studio: a notification's studio_id

Revision ID: a7d3e5f2c8b1
Revises: 9e4b7c2d1f63
Create Date: 2026-11-26 07:30:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a7d3e5f2c8b1"
down_revision = "9e4b7c2d1f63"
branch_labels = None
depends_on = None
NEVER_REUSED = {"sqlite_autoincrement": True}  # if SQLite ever rebuilds the table here: keep 9e4b7c2d1f63's


def upgrade():
    # Nullable, no default: what came before studios (and the seed shapes that name none) has no studio.
    with op.batch_alter_table("crm_notifications", schema=None, table_kwargs=NEVER_REUSED) as batch_op:
        batch_op.add_column(sa.Column("studio_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_crm_notifications_studio_id"), ["studio_id"], unique=False)


def downgrade():
    with op.batch_alter_table("crm_notifications", schema=None, table_kwargs=NEVER_REUSED) as batch_op:
        batch_op.drop_index(batch_op.f("ix_crm_notifications_studio_id"))
        batch_op.drop_column("studio_id")
