"""Private sessions: appointment_services (a studio's 1:1 kinds), appointment_service_teachers (who gives each),
teacher_hours (each teacher's weekly hours on the studio's clock), teacher_exceptions (days off, extra hours) and
appointment_rules (a studio's booking window).

New tables only: nothing existing is rebuilt, on SQLite or PostgreSQL.

Revision ID: 0081
Revises: 0080
"""

import sqlalchemy as sa
from alembic import op

revision = "0081"
down_revision = "0080"
branch_labels = None
depends_on = None
TIME = sa.DateTime(timezone=True)


def _fk(table: str, column: str, target: str, ondelete: str | None = None) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def _check(table: str, name: str, condition: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(condition, name=op.f(f"ck_{table}_{name}"))


def _services() -> None:
    table = "appointment_services"
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("buffer_before_minutes", sa.Integer(), nullable=False),
        sa.Column("buffer_after_minutes", sa.Integer(), nullable=False),
        sa.Column("price", sa.Integer(), nullable=False),
        sa.Column("credits", sa.Integer(), nullable=True),
        sa.Column("location", sa.String(length=200), nullable=True),
        sa.Column("online", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("updated_at", TIME, nullable=False),
        _check(table, "duration", "duration_minutes BETWEEN 5 AND 480"),
        _check(table, "buffer_before", "buffer_before_minutes BETWEEN 0 AND 240"),
        _check(table, "buffer_after", "buffer_after_minutes BETWEEN 0 AND 240"),
        _check(table, "price", "price >= 0"),
        _check(table, "credits", "credits IS NULL OR credits BETWEEN 1 AND 100"),
        _fk(table, "studio_id", "studios", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_appointment_services_studio_id"), table, ["studio_id"])
    teachers = "appointment_service_teachers"
    op.create_table(
        teachers,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        _fk(teachers, "service_id", "appointment_services", "CASCADE"),
        _fk(teachers, "user_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{teachers}")),
        sa.UniqueConstraint("service_id", "user_id", name=op.f(f"uq_{teachers}_service_id")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_appointment_service_teachers_user_id"), teachers, ["user_id"])


def _hours() -> None:
    op.create_table(
        "teacher_hours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("starts", sa.Time(), nullable=False),
        sa.Column("ends", sa.Time(), nullable=False),
        _check("teacher_hours", "weekday", "weekday BETWEEN 0 AND 6"),
        _check("teacher_hours", "ends_after_starts", "ends > starts"),
        _fk("teacher_hours", "studio_id", "studios", "CASCADE"),
        _fk("teacher_hours", "user_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teacher_hours")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_teacher_hours_studio_id_user_id", "teacher_hours", ["studio_id", "user_id"])
    op.create_index(op.f("ix_teacher_hours_user_id"), "teacher_hours", ["user_id"])
    table = "teacher_exceptions"
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("starts", sa.Time(), nullable=True),
        sa.Column("ends", sa.Time(), nullable=True),
        _check(table, "kind", "kind IN ('off', 'extra')"),
        _check(table, "times", "(starts IS NULL AND ends IS NULL AND kind = 'off') OR ends > starts"),
        _fk(table, "studio_id", "studios", "CASCADE"),
        _fk(table, "user_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_teacher_exceptions_studio_id_user_id_day", table, ["studio_id", "user_id", "day"])
    op.create_index(op.f("ix_teacher_exceptions_user_id"), table, ["user_id"])


def _rules() -> None:
    op.create_table(
        "appointment_rules",
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("min_notice_minutes", sa.Integer(), nullable=False),
        sa.Column("max_days_ahead", sa.Integer(), nullable=False),
        sa.Column("cancel_hours", sa.Integer(), nullable=False),
        _check("appointment_rules", "notice", "min_notice_minutes BETWEEN 0 AND 43200"),
        _check("appointment_rules", "ahead", "max_days_ahead BETWEEN 1 AND 365"),
        _check("appointment_rules", "cancel", "cancel_hours BETWEEN 0 AND 720"),
        _fk("appointment_rules", "studio_id", "studios", "CASCADE"),
        sa.PrimaryKeyConstraint("studio_id", name=op.f("pk_appointment_rules")),
    )


def upgrade():
    _services()
    _hours()
    _rules()


def downgrade():
    for table in ("appointment_rules", "teacher_exceptions", "teacher_hours"):
        op.drop_table(table)
    op.drop_table("appointment_service_teachers")
    op.drop_table("appointment_services")
