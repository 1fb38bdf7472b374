"""Marketing emails to a segment of a studio's client book, and the clicks on their unsubscribe links.

Revision ID: 0048
Revises: 0047
"""

import sqlalchemy as sa
from alembic import op

revision = "0048"
down_revision = "0047"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "marketing_emails",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("segment_name", sa.String(length=100), nullable=False),
        sa.Column("subject", sa.String(length=150), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sent_by", sa.Integer(), nullable=False),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["studio_id"], ["studios.id"], name=op.f("fk_marketing_emails_studio_id_studios")),
        sa.ForeignKeyConstraint(["sent_by"], ["users.id"], name=op.f("fk_marketing_emails_sent_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_marketing_emails")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_marketing_emails_studio_id_created_at", "marketing_emails", ["studio_id", "created_at"])
    op.create_index("ix_marketing_emails_sent_by", "marketing_emails", ["sent_by"])
    op.create_table(
        "marketing_opt_outs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("email_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=320), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["studio_id"], ["studios.id"], name=op.f("fk_marketing_opt_outs_studio_id_studios")),
        sa.ForeignKeyConstraint(
            ["email_id"], ["marketing_emails.id"], name=op.f("fk_marketing_opt_outs_email_id_marketing_emails")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_marketing_opt_outs")),
        sa.UniqueConstraint("email_id", "client_id", name="uq_marketing_opt_outs_email_id_client_id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_marketing_opt_outs_studio_id_client_id", "marketing_opt_outs", ["studio_id", "client_id"])
    op.create_index("ix_marketing_opt_outs_studio_id_address", "marketing_opt_outs", ["studio_id", "address"])


def downgrade():
    op.drop_index("ix_marketing_opt_outs_studio_id_address", table_name="marketing_opt_outs")
    op.drop_index("ix_marketing_opt_outs_studio_id_client_id", table_name="marketing_opt_outs")
    op.drop_table("marketing_opt_outs")
    op.drop_index("ix_marketing_emails_sent_by", table_name="marketing_emails")
    op.drop_index("ix_marketing_emails_studio_id_created_at", table_name="marketing_emails")
    op.drop_table("marketing_emails")
