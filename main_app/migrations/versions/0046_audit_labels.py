"""The audit log's words: each entry's object and the ids of its before and after as they read when it was written.

Revision ID: 0046
Revises: 0045
"""

import sqlalchemy as sa
from alembic import op

revision = "0046"
down_revision = "0045"
branch_labels = None
depends_on = None


def upgrade():
    # Nullable columns: added without a rebuild on SQLite; entries written before them have no words (the ids stay).
    op.add_column("audit_entries", sa.Column("object_label", sa.String(length=300), nullable=True))
    op.add_column("audit_entries", sa.Column("labels", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("audit_entries", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_column("labels")
        batch.drop_column("object_label")
