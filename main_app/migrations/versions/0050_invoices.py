"""Tax invoices: each studio's seller details with its two number series, and the invoices and credit notes.

Revision ID: 0050
Revises: 0049
"""

import sqlalchemy as sa
from alembic import op

revision = "0050"
down_revision = "0049"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "studio_invoicing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("legal_name", sa.String(length=200), nullable=True),
        sa.Column("address_lines", sa.JSON(), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("postcode", sa.String(length=20), nullable=True),
        sa.Column("state", sa.String(length=100), nullable=True),
        sa.Column("state_code", sa.String(length=2), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("tax_id", sa.String(length=20), nullable=True),
        sa.Column("tax_name", sa.String(length=10), nullable=True),
        sa.Column("tax_rate", sa.Integer(), server_default="0", nullable=False),
        sa.Column("prices_include_tax", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("service_code", sa.String(length=10), nullable=True),
        sa.Column("invoice_prefix", sa.String(length=10), server_default="INV-", nullable=False),
        sa.Column("credit_note_prefix", sa.String(length=10), server_default="CN-", nullable=False),
        sa.Column("next_invoice", sa.Integer(), server_default="1", nullable=False),
        sa.Column("next_credit_note", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint("tax_rate >= 0 AND tax_rate <= 10000", name=op.f("ck_studio_invoicing_tax_rate")),
        sa.CheckConstraint("next_invoice > 0 AND next_credit_note > 0", name=op.f("ck_studio_invoicing_next_numbers")),
        sa.ForeignKeyConstraint(
            ["studio_id"], ["studios.id"], name=op.f("fk_studio_invoicing_studio_id_studios"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_studio_invoicing")),
        sa.UniqueConstraint("studio_id", name=op.f("uq_studio_invoicing_studio_id")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("formatted_number", sa.String(length=32), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("refund_kind", sa.String(length=10), nullable=True),
        sa.Column("refund_ref", sa.Integer(), nullable=True),
        sa.Column("credits_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("buyer_name", sa.String(length=200), nullable=False),
        sa.Column("buyer_email", sa.String(length=320), nullable=False),
        sa.Column("seller", sa.JSON(), nullable=False),
        sa.Column("tax", sa.JSON(), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=False),
        sa.Column("taxable", sa.Integer(), nullable=False),
        sa.Column("tax_amount", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("place_of_supply", sa.String(length=120), nullable=True),
        sa.CheckConstraint("kind IN ('invoice', 'credit_note')", name=op.f("ck_invoices_kind")),
        sa.CheckConstraint(
            "refund_kind IS NULL OR refund_kind IN ('payment', 'staff', 'seat')", name=op.f("ck_invoices_refund_kind")
        ),
        sa.ForeignKeyConstraint(["credits_id"], ["invoices.id"], name=op.f("fk_invoices_credits_id_invoices")),
        sa.ForeignKeyConstraint(["payment_id"], ["payments.id"], name=op.f("fk_invoices_payment_id_payments")),
        sa.ForeignKeyConstraint(["studio_id"], ["studios.id"], name=op.f("fk_invoices_studio_id_studios")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_invoices_user_id_users"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoices")),
        sa.UniqueConstraint("studio_id", "kind", "number", name=op.f("uq_invoices_studio_id")),
        sa.UniqueConstraint("refund_kind", "refund_ref", name=op.f("uq_invoices_refund_kind")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_invoices_studio_id_issued_at", "invoices", ["studio_id", "issued_at"], unique=False)
    op.create_index("ix_invoices_user_id_id", "invoices", ["user_id", "id"], unique=False)
    op.create_index("ix_invoices_payment_id", "invoices", ["payment_id"], unique=False)
    op.create_index("ix_invoices_credits_id", "invoices", ["credits_id"], unique=False)


def downgrade():
    op.drop_index("ix_invoices_credits_id", table_name="invoices")
    op.drop_index("ix_invoices_payment_id", table_name="invoices")
    op.drop_index("ix_invoices_user_id_id", table_name="invoices")
    op.drop_index("ix_invoices_studio_id_issued_at", table_name="invoices")
    op.drop_table("invoices")
    op.drop_table("studio_invoicing")
