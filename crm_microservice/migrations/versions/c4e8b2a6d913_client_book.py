"""the client book: clients, their bookings, passes and money as notifications tell, staff notes and tags

Every table is AUTOINCREMENT on SQLite, as 9e4b7c2d1f63 made the notifications: an id never comes back after a
delete (a merge undone, a note or tag removed). The timeline reads the notifications about one person at one
studio through a new index.

Revision ID: c4e8b2a6d913
Revises: a7d3e5f2c8b1
Create Date: 2026-11-26 15:20:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c4e8b2a6d913"
down_revision = "a7d3e5f2c8b1"
branch_labels = None
depends_on = None
NEVER_REUSED = {"sqlite_autoincrement": True}
TIME = sa.DateTime(timezone=True)  # models.UTCDateTime only converts in Python


def _count(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=False, server_default="0")


def upgrade():
    op.create_table(
        "crm_clients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("guest_email", sa.String(length=320), nullable=True),
        sa.Column("name", sa.String(length=500), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("first_seen_at", TIME, nullable=True),
        sa.Column("last_seen_at", TIME, nullable=True),
        sa.Column("first_visit_at", TIME, nullable=True),
        sa.Column("last_visit_at", TIME, nullable=True),
        *(_count(name) for name in ("bookings", "visits", "no_shows", "late_cancels", "feedback_given")),
        _count("guest_bookings"),
        sa.Column("marketing_consent", sa.Boolean(), nullable=True),
        sa.Column("consent_at", TIME, nullable=True),
        sa.Column("consent_how", sa.String(length=200), nullable=True),
        sa.Column("consent_by", sa.Integer(), nullable=True),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("merged_at", TIME, nullable=True),
        sa.ForeignKeyConstraint(
            ["merged_into_id"], ["crm_clients.id"], name=op.f("fk_crm_clients_merged_into_id_crm_clients")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_clients")),
        sa.UniqueConstraint("studio_id", "user_id", name="uq_crm_clients_studio_id_user_id"),
        sa.UniqueConstraint("studio_id", "guest_email", name="uq_crm_clients_studio_id_guest_email"),
        **NEVER_REUSED,
    )
    for columns in (("last_visit_at",), ("first_visit_at",), ("last_seen_at",), ("email",), ("phone",)):
        op.create_index(f"ix_crm_clients_studio_id_{columns[0]}", "crm_clients", ["studio_id", *columns])
    op.create_index("ix_crm_clients_merged_into_id", "crm_clients", ["merged_into_id"])
    op.create_index("ix_crm_clients_studio_id_marketing_consent", "crm_clients", ["studio_id", "marketing_consent"])
    _facts_tables()
    _staff_tables()
    op.create_index(
        "ix_crm_notifications_studio_id_user_id_received_at",
        "crm_notifications",
        ["studio_id", "user_id", "received_at"],
    )


def _facts_tables():
    op.create_table(
        "crm_client_bookings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("instructor_id", sa.Integer(), nullable=True),
        sa.Column("starts_at", TIME, nullable=True),
        sa.Column("status", sa.String(length=32), nullable=True),
        sa.Column("status_at", TIME, nullable=True),
        sa.Column("late_cancel", sa.Boolean(), nullable=False, server_default=sa.false()),
        _count("seats_in"),
        sa.Column("attendance", sa.String(length=16), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_client_bookings")),
        sa.UniqueConstraint("studio_id", "booking_id", name="uq_crm_client_bookings_studio_id_booking_id"),
        **NEVER_REUSED,
    )
    for name, columns in (
        ("ix_crm_client_bookings_studio_id_user_id_starts_at", ["studio_id", "user_id", "starts_at"]),
        ("ix_crm_client_bookings_studio_id_instructor_id_user_id", ["studio_id", "instructor_id", "user_id"]),
        ("ix_crm_client_bookings_studio_id_attendance_starts_at", ["studio_id", "attendance", "starts_at"]),
    ):
        op.create_index(name, "crm_client_bookings", columns)
    op.create_table(
        "crm_client_passes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("pass_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=True),
        sa.Column("credits_left", sa.Integer(), nullable=True),
        sa.Column("valid_until", TIME, nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False, server_default="active"),
        sa.Column("changed_at", TIME, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_client_passes")),
        sa.UniqueConstraint("studio_id", "pass_id", name="uq_crm_client_passes_studio_id_pass_id"),
        **NEVER_REUSED,
    )
    op.create_index("ix_crm_client_passes_studio_id_user_id", "crm_client_passes", ["studio_id", "user_id"])
    op.create_table(
        "crm_client_money",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("spent", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("refunded", sa.BigInteger(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_client_money")),
        sa.UniqueConstraint("studio_id", "user_id", "currency", name="uq_crm_client_money_studio_id_user_id_currency"),
        **NEVER_REUSED,
    )


def _staff_tables():
    op.create_table(
        "crm_client_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("author_name", sa.String(length=500), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("edited_at", TIME, nullable=True),
        sa.ForeignKeyConstraint(
            ["client_id"], ["crm_clients.id"], name=op.f("fk_crm_client_notes_client_id_crm_clients")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_client_notes")),
        **NEVER_REUSED,
    )
    op.create_index("ix_crm_client_notes_client_id_created_at", "crm_client_notes", ["client_id", "created_at"])
    op.create_table(
        "crm_client_tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["crm_clients.id"], name=op.f("fk_crm_client_tags_client_id_crm_clients")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_client_tags")),
        sa.UniqueConstraint("client_id", "tag", name="uq_crm_client_tags_client_id_tag"),
        **NEVER_REUSED,
    )
    op.create_index("ix_crm_client_tags_studio_id_tag", "crm_client_tags", ["studio_id", "tag"])


def downgrade():
    op.drop_index("ix_crm_notifications_studio_id_user_id_received_at", table_name="crm_notifications")
    for table in ("crm_client_tags", "crm_client_notes", "crm_client_money", "crm_client_passes"):
        op.drop_table(table)
    op.drop_table("crm_client_bookings")
    op.drop_table("crm_clients")
