"""Refunds a studio's staff ask of one payment, in full or in part, and what they asked of it so far.

Revision ID: 0045
Revises: 0044
"""

import sqlalchemy as sa
from alembic import op

revision = "0045"
down_revision = "0044"
branch_labels = None
depends_on = None


def upgrade():
    # A column with a default: added without a rebuild on SQLite, every payment starting at nothing asked back.
    op.add_column("payments", sa.Column("staff_refunded", sa.Integer(), server_default="0", nullable=False))
    op.create_table(
        "payment_refunds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("refund_id", sa.String(length=255), nullable=True),
        sa.Column("asked_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('initiated', 'processed', 'failed')", name=op.f("ck_payment_refunds_status")),
        sa.CheckConstraint("amount > 0", name=op.f("ck_payment_refunds_amount_positive")),
        sa.ForeignKeyConstraint(["payment_id"], ["payments.id"], name=op.f("fk_payment_refunds_payment_id_payments")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_refunds")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_payment_refunds_payment_id", "payment_refunds", ["payment_id"], unique=False)
    op.create_index("ix_payment_refunds_refund_id", "payment_refunds", ["refund_id"], unique=False)


def downgrade():
    op.drop_index("ix_payment_refunds_refund_id", table_name="payment_refunds")
    op.drop_index("ix_payment_refunds_payment_id", table_name="payment_refunds")
    op.drop_table("payment_refunds")
    with op.batch_alter_table("payments", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_column("staff_refunded")
