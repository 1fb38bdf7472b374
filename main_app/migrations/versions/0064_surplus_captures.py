"""A capture a checkout did not ask for (paid twice, or the wrong amount) is a payment row of its own, refunded,
that names the checkout's payment it came through.

Revision ID: 0064
Revises: 0063
"""

import sqlalchemy as sa
from alembic import op

revision = "0064"
down_revision = "0063"
branch_labels = None
depends_on = None


def upgrade():
    # Nullable, no foreign key: added in place on SQLite too, so ids and counters stay.
    op.add_column("payments", sa.Column("surplus_of", sa.Integer(), nullable=True))
    op.create_index("ix_payments_surplus_of", "payments", ["surplus_of"], unique=False)


def downgrade():
    op.drop_index("ix_payments_surplus_of", table_name="payments")
    op.drop_column("payments", "surplus_of")  # in place on SQLite too: the report triggers naming payments stay
