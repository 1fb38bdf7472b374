"""Instructor pay rates: what each member of a studio is paid per class taught (flat, per head or a share); and the
instalments still due, indexed for the revenue report.

Revision ID: 0058
Revises: 0057
"""

import sqlalchemy as sa
from alembic import op

revision = "0058"
down_revision = "0057"
branch_labels = None
depends_on = None

NEVER_REUSED = {"sqlite_autoincrement": True}  # SQLite rebuilds the table here: keep its AUTOINCREMENT
CHECKS = {
    "pay_kind": "pay_kind IS NULL OR pay_kind IN ('flat', 'per_head', 'share')",
    "pay_share": "pay_share IS NULL OR pay_share BETWEEN 0 AND 10000",
    "pay_range": "pay_minimum IS NULL OR pay_maximum IS NULL OR pay_minimum <= pay_maximum",
}


def upgrade():
    with op.batch_alter_table("studio_members", table_kwargs=NEVER_REUSED) as batch:
        batch.add_column(sa.Column("pay_kind", sa.String(length=10), nullable=True))
        for name in ("pay_amount", "pay_minimum", "pay_maximum"):
            batch.add_column(sa.Column(name, sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("pay_share", sa.Integer(), nullable=True))
        for name, check in CHECKS.items():
            batch.create_check_constraint(op.f(f"ck_studio_members_{name}"), check)
    due = sa.text("status = 'due'")
    op.create_index(
        "ix_booking_instalments_due_booking_id",
        "booking_instalments",
        ["booking_id"],
        sqlite_where=due,
        postgresql_where=due,
    )


def downgrade():
    op.drop_index("ix_booking_instalments_due_booking_id", table_name="booking_instalments")
    with op.batch_alter_table("studio_members", table_kwargs=NEVER_REUSED) as batch:
        for name in CHECKS:
            batch.drop_constraint(op.f(f"ck_studio_members_{name}"), type_="check")
        for name in ("pay_share", "pay_maximum", "pay_minimum", "pay_amount", "pay_kind"):
            batch.drop_column(name)
