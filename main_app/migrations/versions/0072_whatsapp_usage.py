"""WhatsApp usage: a studio's WhatsApp messages sent in a month by what they are priced as (utility, marketing,
service), and how many Meta said were not billable; counted from now on (the outbox's pruned rows cannot be).

Revision ID: 0072
Revises: 0071
"""

import sqlalchemy as sa
from alembic import op

revision = "0072"
down_revision = "0071"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "whatsapp_usage",
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("category", sa.String(length=9), nullable=False),
        sa.Column("sent", sa.Integer(), nullable=False),
        sa.Column("not_billable", sa.Integer(), nullable=False),
        sa.CheckConstraint("category IN ('utility', 'marketing', 'service')", name=op.f("ck_whatsapp_usage_category")),
        sa.ForeignKeyConstraint(
            ["studio_id"], ["studios.id"], name=op.f("fk_whatsapp_usage_studio_id_studios"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("studio_id", "month", "category", name=op.f("pk_whatsapp_usage")),
    )


def downgrade():
    op.drop_table("whatsapp_usage")
