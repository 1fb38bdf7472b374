"""Tax rates that change on a date: each studio's rates with the day each takes effect, and the tax a payment's
amount (and a pass's price) was charged with, fixed when it was quoted.

Columns added in place (nullable JSON: no table rebuild on SQLite, so ids and counters stay).

Revision ID: 0065
Revises: 0064
"""

import sqlalchemy as sa
from alembic import op

revision = "0065"
down_revision = "0064"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "studio_tax_rates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rate", sa.Integer(), nullable=False),
        sa.CheckConstraint("rate >= 0 AND rate <= 10000", name=op.f("ck_studio_tax_rates_rate")),
        sa.ForeignKeyConstraint(
            ["studio_id"], ["studios.id"], name=op.f("fk_studio_tax_rates_studio_id_studios"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_studio_tax_rates")),
        sa.UniqueConstraint("studio_id", "starts_on", name=op.f("uq_studio_tax_rates_studio_id")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_studio_tax_rates_studio_id_starts_at", "studio_tax_rates", ["studio_id", "starts_at"])
    op.add_column("payments", sa.Column("tax", sa.JSON(), nullable=True))
    op.add_column("passes", sa.Column("tax", sa.JSON(), nullable=True))


def downgrade():
    op.drop_column("passes", "tax")
    op.drop_column("payments", "tax")
    op.drop_index("ix_studio_tax_rates_studio_id_starts_at", table_name="studio_tax_rates")
    op.drop_table("studio_tax_rates")
