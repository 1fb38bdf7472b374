"""batches in the facilitator inbox: a notification's batch_id

Revision ID: 5c2e8f1a9d47
Revises: 3b9d5e0c7a21
Create Date: 2026-12-05 10:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "5c2e8f1a9d47"
down_revision = "3b9d5e0c7a21"
branch_labels = None
depends_on = None


def upgrade():
    # Nullable, no default: every notification stored so far stands on its own.
    with op.batch_alter_table("crm_notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("batch_id", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_crm_notifications_batch_id"), ["batch_id"], unique=False)


def downgrade():
    with op.batch_alter_table("crm_notifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_crm_notifications_batch_id"))
        batch_op.drop_column("batch_id")
