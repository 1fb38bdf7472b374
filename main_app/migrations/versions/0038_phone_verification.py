"""Texts go only to a number its account proved with a one-time code, and a STOP belongs to the number: users get
phone_verified_at (every number so far is unproved, so texts wait for a code), sms_numbers keeps each number's
opt-out whichever account gives it, and phone_verifications the codes sent (never the code itself).

Revision ID: 0038
Revises: 0037
"""

import sqlalchemy as sa
from alembic import op

revision = "0038"
down_revision = "0037"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("phone_verified_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "sms_numbers",
        sa.Column("number", sa.String(length=16), nullable=False),
        sa.Column("opted_out_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_sms_numbers")),
    )
    op.create_table(
        "phone_verifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("phone", sa.String(length=16), nullable=False),
        sa.Column("nonce", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_phone_verifications_attempts_not_negative")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_phone_verifications_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phone_verifications")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_phone_verifications_user_id_created_at", "phone_verifications", ["user_id", "created_at"], unique=False
    )
    op.create_index(
        "ix_phone_verifications_phone_created_at", "phone_verifications", ["phone", "created_at"], unique=False
    )


def downgrade():
    op.drop_index("ix_phone_verifications_phone_created_at", table_name="phone_verifications")
    op.drop_index("ix_phone_verifications_user_id_created_at", table_name="phone_verifications")
    op.drop_table("phone_verifications")
    op.drop_table("sms_numbers")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("phone_verified_at")
