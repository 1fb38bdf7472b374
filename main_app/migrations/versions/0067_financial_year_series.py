"""Invoice numbers by financial year: a studio's setting, and a count of each kind within the year it is in.

Columns added in place (no table rebuild on SQLite, so the table's ids and counters stay).

Revision ID: 0067
Revises: 0066
"""

import sqlalchemy as sa
from alembic import op

revision = "0067"
down_revision = "0066"
branch_labels = None
depends_on = None

COUNTS = ("next_invoice_in_series", "next_credit_note_in_series")
SERIES = ("invoice_series", "credit_note_series")


def upgrade():
    op.add_column(
        "studio_invoicing",
        sa.Column("financial_year_series", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    for name in SERIES:
        op.add_column("studio_invoicing", sa.Column(name, sa.String(length=5), nullable=True))
    for name in COUNTS:
        op.add_column("studio_invoicing", sa.Column(name, sa.Integer(), server_default="1", nullable=False))


def downgrade():
    for name in (*COUNTS, *SERIES, "financial_year_series"):
        op.drop_column("studio_invoicing", name)
