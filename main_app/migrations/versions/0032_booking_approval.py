"""Approval of bookings: an event may require it, a request holds its seat as pending_approval until decided.

Revision ID: 0032
Revises: 0031
"""

import sqlalchemy as sa
from alembic import op

revision = "0032"
down_revision = "0031"
branch_labels = None
depends_on = None

STATUSES = "status IN ('pending_payment', 'active', 'cancelled', 'expired', 'refunded')"
WITH_APPROVAL = "status IN ('pending_approval', 'pending_payment', 'active', 'cancelled', 'expired', 'refunded')"
SEAT_HOLDING = "status IN ('active', 'pending_payment')"
SEAT_HOLDING_WITH_APPROVAL = "status IN ('active', 'pending_payment', 'pending_approval')"


def _one_seat_per_user(where: str) -> None:
    op.create_index(
        "uq_bookings_one_seat_per_user",
        "bookings",
        ["session_id", "user_id"],
        unique=True,
        sqlite_where=sa.text(where),
        postgresql_where=sa.text(where),
    )


def upgrade():
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("requires_approval", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.drop_index("uq_bookings_one_seat_per_user", table_name="bookings")
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.drop_constraint(op.f("ck_bookings_status"), type_="check")
        batch_op.create_check_constraint(op.f("ck_bookings_status"), WITH_APPROVAL)
    _one_seat_per_user(SEAT_HOLDING_WITH_APPROVAL)


def downgrade():
    op.drop_index("uq_bookings_one_seat_per_user", table_name="bookings")
    # Requests still undecided have no status without approval: they are given up, their seats back.
    op.execute(
        "UPDATE sessions SET seats_taken = seats_taken - (SELECT COALESCE(SUM(b.seats), 0) FROM bookings b "
        "WHERE b.session_id = sessions.id AND b.status = 'pending_approval')"
    )
    op.execute(
        "UPDATE session_options SET seats_taken = seats_taken - (SELECT COALESCE(SUM(b.seats), 0) FROM bookings b "
        "WHERE b.option_id = session_options.id AND b.status = 'pending_approval')"
    )
    op.execute("UPDATE bookings SET status = 'cancelled' WHERE status = 'pending_approval'")
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_bookings_status"), type_="check")
        batch_op.create_check_constraint(op.f("ck_bookings_status"), STATUSES)
        batch_op.drop_column("approved_at")
    _one_seat_per_user(SEAT_HOLDING)
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("requires_approval")
