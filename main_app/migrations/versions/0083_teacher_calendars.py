"""Teachers' own calendars linked for private sessions (teacher_calendars: a CalDAV calendar or a read-only iCal
address, its sealed login, when it was read and written) and the busy times read from them (calendar_busy).

New tables only: nothing existing is rebuilt.

Revision ID: 0083
Revises: 0082
"""

import sqlalchemy as sa
from alembic import op

revision = "0083"
down_revision = "0082"
branch_labels = None
depends_on = None
TIME = sa.DateTime(timezone=True)


def upgrade():
    op.create_table(
        "teacher_calendars",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.Column("username", sa.String(length=200), nullable=True),
        sa.Column("secret", sa.Text(), nullable=True),
        sa.Column("read_at", TIME, nullable=True),
        sa.Column("written_at", TIME, nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("created_at", TIME, nullable=False),
        sa.CheckConstraint("kind IN ('caldav', 'ical')", name=op.f("ck_teacher_calendars_kind")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_teacher_calendars_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teacher_calendars")),
        sa.UniqueConstraint("user_id", name=op.f("uq_teacher_calendars_user_id")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "calendar_busy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("calendar_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", TIME, nullable=False),
        sa.Column("ends_at", TIME, nullable=False),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_calendar_busy_ends_after_starts")),
        sa.ForeignKeyConstraint(
            ["calendar_id"],
            ["teacher_calendars.id"],
            name=op.f("fk_calendar_busy_calendar_id_teacher_calendars"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_calendar_busy_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_busy")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_calendar_busy_user_id_starts_at", "calendar_busy", ["user_id", "starts_at"])
    op.create_index(op.f("ix_calendar_busy_calendar_id"), "calendar_busy", ["calendar_id"])


def downgrade():
    op.drop_table("calendar_busy")
    op.drop_table("teacher_calendars")
