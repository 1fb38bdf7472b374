"""Index the seats held for payment by session and due time, only those: a booking that finds a paid session full
asks whether a hold is past its time on it, without a lock and without reading the session's other bookings.

Revision ID: 0036
Revises: 0035
"""

import sqlalchemy as sa
from alembic import op

revision = "0036"
down_revision = "0035"
branch_labels = None
depends_on = None
HELD = sa.text("status = 'pending_payment'")


def upgrade():
    op.create_index(
        "ix_bookings_held_session_id_hold_expires_at",
        "bookings",
        ["session_id", "hold_expires_at"],
        unique=False,
        sqlite_where=HELD,
        postgresql_where=HELD,
    )


def downgrade():
    op.drop_index("ix_bookings_held_session_id_hold_expires_at", table_name="bookings")
