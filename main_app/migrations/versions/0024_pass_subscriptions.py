"""A membership's subscription at its payment provider (Stripe renews memberships through subscriptions).

Revision ID: 0024
Revises: 0023
"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("passes") as batch:
        batch.add_column(sa.Column("subscription_id", sa.String(length=255), nullable=True))
    op.create_index(op.f("ix_passes_subscription_id"), "passes", ["subscription_id"], unique=True)


def downgrade():
    op.drop_index(op.f("ix_passes_subscription_id"), table_name="passes")
    with op.batch_alter_table("passes") as batch:
        batch.drop_column("subscription_id")
