"""waiting lists: each place in line holds the id of its "no seat came free" email, due at the session's start

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("waitlist_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("notice_id", sa.String(length=32), nullable=True))


def downgrade():
    with op.batch_alter_table("waitlist_entries", schema=None) as batch_op:
        batch_op.drop_column("notice_id")
