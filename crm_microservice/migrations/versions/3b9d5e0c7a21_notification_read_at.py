"""read state of notifications (facilitator inbox)

Revision ID: 3b9d5e0c7a21
Revises: 8428241a417b
Create Date: 2026-11-28 10:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "3b9d5e0c7a21"
down_revision = "8428241a417b"
branch_labels = None
depends_on = None


def upgrade():
    # Nullable, no default: every notification stored so far starts unread.
    with op.batch_alter_table("crm_notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("read_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("crm_notifications", schema=None) as batch_op:
        batch_op.drop_column("read_at")
