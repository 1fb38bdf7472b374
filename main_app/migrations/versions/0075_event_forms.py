"""Forms enforced at booking: event_required_forms (the forms an event's bookings need signed) and
form_signatures.collected_by (the staff member who collected a signature on the desk's screen).

A new table, and a nullable column with its foreign key (SQLite rebuilds form_signatures for the key, keeping its
AUTOINCREMENT; PostgreSQL adds it in place).

Revision ID: 0075
Revises: 0074
"""

import sqlalchemy as sa
from alembic import op

revision = "0075"
down_revision = "0074"
branch_labels = None
depends_on = None

NEVER_REUSED = {"sqlite_autoincrement": True}


def upgrade():
    op.create_table(
        "event_required_forms",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_required_forms_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["form_documents.id"],
            name=op.f("fk_event_required_forms_document_id_form_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "document_id", name=op.f("pk_event_required_forms")),
    )
    op.create_index(op.f("ix_event_required_forms_document_id"), "event_required_forms", ["document_id"], unique=False)
    with op.batch_alter_table("form_signatures", table_kwargs=NEVER_REUSED) as batch:
        batch.add_column(sa.Column("collected_by", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_form_signatures_collected_by_users"), "users", ["collected_by"], ["id"], ondelete="SET NULL"
        )
        batch.create_index(op.f("ix_form_signatures_collected_by"), ["collected_by"], unique=False)


def downgrade():
    with op.batch_alter_table("form_signatures", table_kwargs=NEVER_REUSED) as batch:
        batch.drop_index(op.f("ix_form_signatures_collected_by"))
        batch.drop_constraint(op.f("fk_form_signatures_collected_by_users"), type_="foreignkey")
        batch.drop_column("collected_by")
    op.drop_index(op.f("ix_event_required_forms_document_id"), table_name="event_required_forms")
    op.drop_table("event_required_forms")
