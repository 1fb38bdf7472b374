"""A booking's attendance, set when its session closes after check-in was taken.

Revision ID: 0026
Revises: 0025
"""

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

ATTENDANCE = "attendance IS NULL OR attendance IN ('attended', 'no_show')"


def upgrade():
    with op.batch_alter_table("bookings") as batch:
        batch.add_column(sa.Column("attendance", sa.String(length=10), nullable=True))
        batch.create_check_constraint(op.f("ck_bookings_attendance"), ATTENDANCE)


def downgrade():
    with op.batch_alter_table("bookings") as batch:
        batch.drop_constraint(op.f("ck_bookings_attendance"), type_="check")
        batch.drop_column("attendance")
