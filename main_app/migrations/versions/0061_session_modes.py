"""Online and hybrid sessions: where a session is held (in person, online or both) and its video link, which only
the people booked reach, through the join route.

Columns added in place (no table rebuild on SQLite: the sessions' triggers of 0059 and 0060 stay).

Revision ID: 0061
Revises: 0060
"""

import sqlalchemy as sa
from alembic import op

revision = "0061"
down_revision = "0060"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("sessions", sa.Column("mode", sa.String(length=10), server_default="in_person", nullable=False))
    op.add_column("sessions", sa.Column("video_url", sa.String(length=500), nullable=True))


def downgrade():
    op.drop_column("sessions", "video_url")
    op.drop_column("sessions", "mode")
