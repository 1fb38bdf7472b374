"""Booked private sessions: each is a session of its service's own event (events.private, kept off the timetable),
reserved for the person it was booked for (sessions.reserved_for_id), costing its service's credits a seat
(sessions.credits_per_seat); appointments holds what the teacher's diary needs (the service, the time kept free
around it, and how long a booking under way claims it).

Nullable or defaulted columns added in place (on SQLite inline, with their keys, as 0080 added its column), and a
new table: nothing existing is rebuilt.

Revision ID: 0082
Revises: 0081
"""

import sqlalchemy as sa
from alembic import op

revision = "0082"
down_revision = "0081"
branch_labels = None
depends_on = None
TIME = sa.DateTime(timezone=True)
KEYS = (
    ("sessions", "reserved_for_id", "users"),
    ("appointment_services", "event_id", "events"),
)


def _add_key(table: str, column: str, target: str) -> None:
    name = f"fk_{table}_{column}_{target}"
    if op.get_bind().dialect.name == "sqlite":
        added = sa.Column(column, sa.Integer(), sa.ForeignKey(f"{target}.id", name=name), nullable=True)
        op.add_column(table, added, inline_references=True)
    else:
        op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
        op.create_foreign_key(name, table, target, [column], ["id"])
    op.create_index(op.f(f"ix_{table}_{column}"), table, [column])


def _appointments() -> None:
    table = "appointments"
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("teacher_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("busy_from", TIME, nullable=False),
        sa.Column("busy_until", TIME, nullable=False),
        sa.Column("claimed_until", TIME, nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.CheckConstraint("busy_until > busy_from", name=op.f("ck_appointments_busy")),
        sa.ForeignKeyConstraint(["studio_id"], ["studios.id"], name=op.f("fk_appointments_studio_id_studios")),
        sa.ForeignKeyConstraint(
            ["service_id"], ["appointment_services.id"], name=op.f("fk_appointments_service_id_appointment_services")
        ),
        sa.ForeignKeyConstraint(["teacher_id"], ["users.id"], name=op.f("fk_appointments_teacher_id_users")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_appointments_user_id_users")),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], name=op.f("fk_appointments_session_id_sessions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointments")),
        sa.UniqueConstraint("session_id", name=op.f("uq_appointments_session_id")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_appointments_teacher_id_busy_from", table, ["teacher_id", "busy_from"])
    op.create_index("ix_appointments_studio_id_busy_from", table, ["studio_id", "busy_from"])
    op.create_index(op.f("ix_appointments_service_id"), table, ["service_id"])
    op.create_index(op.f("ix_appointments_user_id"), table, ["user_id"])


def upgrade():
    op.add_column("events", sa.Column("private", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column("sessions", sa.Column("credits_per_seat", sa.Integer(), server_default="1", nullable=False))
    for table, column, target in KEYS:
        _add_key(table, column, target)
    _appointments()


def downgrade():
    op.drop_table("appointments")
    for table, column, target in KEYS:
        op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
        if op.get_bind().dialect.name == "postgresql":
            op.drop_constraint(f"fk_{table}_{column}_{target}", table, type_="foreignkey")
        op.drop_column(table, column)
    op.drop_column("sessions", "credits_per_seat")
    op.drop_column("events", "private")
