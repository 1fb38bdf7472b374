"""Idempotent answers: the first answer to a write sent with an Idempotency-Key, kept a day so a repeat of it gets
the same answer and changes nothing.

Revision ID: 0074
Revises: 0073
"""

import sqlalchemy as sa
from alembic import op

from service_kit.columns import UTCDateTime

revision = "0074"
down_revision = "0073"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "idempotent_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=80), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.SmallInteger(), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotent_answers")),
        sa.UniqueConstraint("scope", "key", name=op.f("uq_idempotent_answers_scope")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_idempotent_answers_created_at"), "idempotent_answers", ["created_at"])


def downgrade():
    op.drop_index(op.f("ix_idempotent_answers_created_at"), table_name="idempotent_answers")
    op.drop_table("idempotent_answers")
