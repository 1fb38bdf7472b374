"""WhatsApp's consent and connections: whatsapp_consents (each change of a person's consent, never overwritten, with
the words they were shown), whatsapp_numbers (a number's STOP) with whatsapp_number_changes (each STOP and START it
sent), whatsapp_windows (when a number last wrote to a business number: the 24-hour window) and studio_whatsapp (a
studio's own WhatsApp Business number, its secrets sealed).

New tables only: nothing existing is rebuilt, on SQLite or PostgreSQL.

Revision ID: 0070
Revises: 0069
"""

import sqlalchemy as sa
from alembic import op

revision = "0070"
down_revision = "0069"
branch_labels = None
depends_on = None


def _consents() -> None:
    op.create_table(
        "whatsapp_consents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=16), nullable=False),
        sa.Column("opted_in", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("wording", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("studio_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("source IN ('booking', 'account', 'desk')", name=op.f("ck_whatsapp_consents_source")),
        sa.CheckConstraint("NOT opted_in OR wording IS NOT NULL", name=op.f("ck_whatsapp_consents_opt_in_has_wording")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_whatsapp_consents_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["studio_id"], ["studios.id"], name=op.f("fk_whatsapp_consents_studio_id_studios"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["users.id"], name=op.f("fk_whatsapp_consents_recorded_by_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_whatsapp_consents")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_whatsapp_consents_user_id_id", "whatsapp_consents", ["user_id", "id"], unique=False)
    op.create_index(op.f("ix_whatsapp_consents_studio_id"), "whatsapp_consents", ["studio_id"], unique=False)
    op.create_index(op.f("ix_whatsapp_consents_recorded_by"), "whatsapp_consents", ["recorded_by"], unique=False)


def _numbers() -> None:
    op.create_table(
        "whatsapp_numbers",
        sa.Column("number", sa.String(length=16), nullable=False),
        sa.Column("stopped_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_whatsapp_numbers")),
    )
    op.create_table(
        "whatsapp_number_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=16), nullable=False),
        sa.Column("stopped", sa.Boolean(), nullable=False),
        sa.Column("word", sa.String(length=40), nullable=False),
        sa.Column("business_number_id", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_whatsapp_number_changes")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_whatsapp_number_changes_number_id", "whatsapp_number_changes", ["number", "id"], unique=False)
    op.create_table(
        "whatsapp_windows",
        sa.Column("number", sa.String(length=16), nullable=False),
        sa.Column("business_number_id", sa.String(length=32), nullable=False),
        sa.Column("last_inbound_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("number", "business_number_id", name=op.f("pk_whatsapp_windows")),
    )


def _studio_numbers() -> None:
    op.create_table(
        "studio_whatsapp",
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("phone_number_id", sa.String(length=32), nullable=False),
        sa.Column("business_account_id", sa.String(length=32), nullable=False),
        sa.Column("secrets", sa.Text(), nullable=False),
        sa.Column("secrets_hint", sa.String(length=40), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["studio_id"], ["studios.id"], name=op.f("fk_studio_whatsapp_studio_id_studios"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("studio_id", name=op.f("pk_studio_whatsapp")),
        sa.UniqueConstraint("phone_number_id", name=op.f("uq_studio_whatsapp_phone_number_id")),
    )


def upgrade():
    _consents()
    _numbers()
    _studio_numbers()


def downgrade():
    op.drop_table("studio_whatsapp")
    op.drop_table("whatsapp_windows")
    op.drop_index("ix_whatsapp_number_changes_number_id", table_name="whatsapp_number_changes")
    op.drop_table("whatsapp_number_changes")
    op.drop_table("whatsapp_numbers")
    op.drop_index(op.f("ix_whatsapp_consents_recorded_by"), table_name="whatsapp_consents")
    op.drop_index(op.f("ix_whatsapp_consents_studio_id"), table_name="whatsapp_consents")
    op.drop_index("ix_whatsapp_consents_user_id_id", table_name="whatsapp_consents")
    op.drop_table("whatsapp_consents")
