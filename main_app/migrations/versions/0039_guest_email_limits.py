"""Guests' emails bounded and stoppable: a row per email written to an address a booker typed (counted for the
limits per booker and per address), the addresses that unsubscribed, and why a guest's email was withheld; and a
guest's own feedback (one answer per booking becomes one per booker and one per guest).

Revision ID: 0039
Revises: 0038
"""

import sqlalchemy as sa
from alembic import op

revision = "0039"
down_revision = "0038"
branch_labels = None
depends_on = None
GUEST, BOOKER = sa.text("guest_id IS NOT NULL"), sa.text("guest_id IS NULL")
NEVER_REUSED = {"sqlite_autoincrement": True}  # SQLite rebuilds feedback here: keep 0037's AUTOINCREMENT


def upgrade():
    op.create_table(
        "guest_emails",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booker_id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=254), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["booker_id"], ["users.id"], name=op.f("fk_guest_emails_booker_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guest_emails")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_guest_emails_booker_id_sent_at", "guest_emails", ["booker_id", "sent_at"], unique=False)
    op.create_index("ix_guest_emails_address_sent_at", "guest_emails", ["address", "sent_at"], unique=False)
    op.create_table(
        "email_suppressions",
        sa.Column("address", sa.String(length=254), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("address", name=op.f("pk_email_suppressions")),
    )
    with op.batch_alter_table("booking_guests") as batch:
        batch.add_column(sa.Column("email_withheld", sa.String(length=20), nullable=True))
    with op.batch_alter_table("feedback", table_kwargs=NEVER_REUSED) as batch:
        batch.drop_constraint("uq_feedback_booking_id", type_="unique")
        batch.add_column(sa.Column("guest_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_feedback_guest_id_booking_guests"), "booking_guests", ["guest_id"], ["id"])
    for name, column, where in (
        ("uq_feedback_booking_id", "booking_id", BOOKER),
        ("uq_feedback_guest_id", "guest_id", GUEST),
    ):
        op.create_index(name, "feedback", [column], unique=True, sqlite_where=where, postgresql_where=where)


def downgrade():
    op.drop_index("uq_feedback_guest_id", table_name="feedback")
    op.drop_index("uq_feedback_booking_id", table_name="feedback")
    op.execute("DELETE FROM feedback WHERE guest_id IS NOT NULL")
    with op.batch_alter_table("feedback", table_kwargs=NEVER_REUSED) as batch:
        batch.drop_constraint(op.f("fk_feedback_guest_id_booking_guests"), type_="foreignkey")
        batch.drop_column("guest_id")
        batch.create_unique_constraint("uq_feedback_booking_id", ["booking_id"])
    with op.batch_alter_table("booking_guests") as batch:
        batch.drop_column("email_withheld")
    op.drop_table("email_suppressions")
    op.drop_index("ix_guest_emails_address_sent_at", table_name="guest_emails")
    op.drop_index("ix_guest_emails_booker_id_sent_at", table_name="guest_emails")
    op.drop_table("guest_emails")
