"""Room options: a session's choices with their own price and seats, named by bookings and places in line.

Revision ID: 0031
Revises: 0030
"""

import sqlalchemy as sa
from alembic import op

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "session_options",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("price", sa.Integer(), server_default="0", nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("seats_taken", sa.Integer(), server_default="0", nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.Column("retired", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("capacity > 0", name=op.f("ck_session_options_capacity_positive")),
        sa.CheckConstraint(
            "seats_taken >= 0 AND seats_taken <= capacity", name=op.f("ck_session_options_seats_within_capacity")
        ),
        sa.CheckConstraint("price >= 0", name=op.f("ck_session_options_price")),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], name=op.f("fk_session_options_session_id_sessions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_options")),
    )
    op.create_index("ix_session_options_session_id", "session_options", ["session_id", "position"], unique=False)
    for table in ("bookings", "waitlist_entries"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("option_id", sa.Integer(), nullable=True))
            batch_op.create_foreign_key(
                op.f(f"fk_{table}_option_id_session_options"), "session_options", ["option_id"], ["id"]
            )
            batch_op.create_index(op.f(f"ix_{table}_option_id"), ["option_id"])


def downgrade():
    for table in ("waitlist_entries", "bookings"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(op.f(f"ix_{table}_option_id"))
            batch_op.drop_constraint(op.f(f"fk_{table}_option_id_session_options"), type_="foreignkey")
            batch_op.drop_column("option_id")
    op.drop_index("ix_session_options_session_id", table_name="session_options")
    op.drop_table("session_options")
