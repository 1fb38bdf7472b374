"""API tokens of studios (studio_tokens: a name, the prefix that finds one, the SHA-256 of its secret, its
permissions, expiry, last use and revocation).

A new table only: nothing existing is rebuilt.

Revision ID: 0084
Revises: 0083
"""

import sqlalchemy as sa
from alembic import op

revision = "0084"
down_revision = "0083"
branch_labels = None
depends_on = None
TIME = sa.DateTime(timezone=True)


def upgrade():
    op.create_table(
        "studio_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("made_by_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("permissions", sa.JSON(), nullable=False),
        sa.Column("expires_at", TIME, nullable=True),
        sa.Column("last_used_at", TIME, nullable=True),
        sa.Column("revoked_at", TIME, nullable=True),
        sa.Column("created_at", TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["studio_id"], ["studios.id"], name=op.f("fk_studio_tokens_studio_id_studios"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["made_by_id"], ["users.id"], name=op.f("fk_studio_tokens_made_by_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_studio_tokens")),
        sa.UniqueConstraint("prefix", name=op.f("uq_studio_tokens_prefix")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_studio_tokens_studio_id"), "studio_tokens", ["studio_id"])
    op.create_index(op.f("ix_studio_tokens_made_by_id"), "studio_tokens", ["made_by_id"])


def downgrade():
    op.drop_table("studio_tokens")
