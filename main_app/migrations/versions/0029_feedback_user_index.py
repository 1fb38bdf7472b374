"""Index feedback by its person (every foreign key is indexed: deleting or looking up a user never scans it).

Revision ID: 0029
Revises: 0028
"""

from alembic import op

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_feedback_user_id", "feedback", ["user_id"], unique=False)


def downgrade():
    op.drop_index("ix_feedback_user_id", table_name="feedback")
