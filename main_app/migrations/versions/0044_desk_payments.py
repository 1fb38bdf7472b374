"""Money taken at a studio's desk: how it was paid (cash or a card terminal) and who took it.

Revision ID: 0044
Revises: 0043
"""

import sqlalchemy as sa
from alembic import op

revision = "0044"
down_revision = "0043"
branch_labels = None
depends_on = None


def upgrade():
    # Added without a rebuild on SQLite (a nullable column, a constraint-free index): ids and counters stay.
    op.add_column("payments", sa.Column("method", sa.String(length=20), nullable=True))
    # The account's id as the audit log keeps its actor's: no foreign key, so the record outlives the account.
    op.add_column("payments", sa.Column("taken_by", sa.Integer(), nullable=True))
    op.create_index("ix_payments_taken_by", "payments", ["taken_by"], unique=False)


def downgrade():
    op.drop_index("ix_payments_taken_by", table_name="payments")
    with op.batch_alter_table("payments", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_column("taken_by")
        batch.drop_column("method")
