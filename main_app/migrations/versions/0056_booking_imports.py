"""Client imports of upcoming bookings: what a file holds (clients or bookings) and the bookings it made.

Revision ID: 0056
Revises: 0055
"""

import sqlalchemy as sa
from alembic import op

revision = "0056"
down_revision = "0055"
branch_labels = None
depends_on = None


NEVER_REUSED = {"sqlite_autoincrement": True}  # SQLite rebuilds the table here: keep its AUTOINCREMENT


def upgrade():
    with op.batch_alter_table("client_imports", table_kwargs=NEVER_REUSED) as batch:
        batch.add_column(sa.Column("kind", sa.String(length=10), nullable=False, server_default="clients"))
        batch.add_column(sa.Column("bookings_made", sa.Integer(), nullable=False, server_default="0"))
        batch.create_check_constraint(op.f("ck_client_imports_kind"), "kind IN ('clients', 'bookings')")


def downgrade():
    with op.batch_alter_table("client_imports", table_kwargs=NEVER_REUSED) as batch:
        batch.drop_constraint(op.f("ck_client_imports_kind"), type_="check")
        batch.drop_column("bookings_made")
        batch.drop_column("kind")
