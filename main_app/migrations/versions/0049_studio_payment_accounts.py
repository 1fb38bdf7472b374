"""A studio's own payment provider account (its provider and its keys, encrypted), and the account each payment
was taken through.

Revision ID: 0049
Revises: 0048
"""

import sqlalchemy as sa
from alembic import op

revision = "0049"
down_revision = "0048"
branch_labels = None
depends_on = None


def upgrade():
    # Nullable columns, added in place on SQLite too: every studio and payment so far uses the install's account.
    op.add_column("studios", sa.Column("payment_provider", sa.String(length=20), nullable=True))
    op.add_column("studios", sa.Column("payment_keys", sa.Text(), nullable=True))
    op.add_column("studios", sa.Column("payment_keys_hint", sa.String(length=80), nullable=True))
    op.add_column("studios", sa.Column("payment_keys_set_at", sa.DateTime(timezone=True), nullable=True))
    # No foreign key (a studio's row is never deleted): added without a rebuild on SQLite, so ids and counters stay.
    op.add_column("payments", sa.Column("account_id", sa.Integer(), nullable=True))
    op.create_index("ix_payments_account_id", "payments", ["account_id"], unique=False)


def downgrade():
    op.drop_index("ix_payments_account_id", table_name="payments")
    with op.batch_alter_table("payments", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_column("account_id")
    for column in ("payment_keys_set_at", "payment_keys_hint", "payment_keys", "payment_provider"):
        op.execute(f"ALTER TABLE studios DROP COLUMN {column}")
