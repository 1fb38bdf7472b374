"""Intake questions: what an event asks the people who book it, and their answers, kept with their bookings.

Revision ID: 0030
Revises: 0029
"""

import sqlalchemy as sa
from alembic import op

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None

KINDS = "kind IN ('text', 'long_text', 'choice', 'multi_choice', 'yes_no', 'date')"


def upgrade():
    op.create_table(
        "event_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("help_text", sa.String(length=500), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("sensitive", sa.Boolean(), nullable=False),
        sa.Column("choices", sa.JSON(), nullable=True),
        sa.Column("retired", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(KINDS, name=op.f("ck_event_questions_kind")),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_event_questions_event_id_events")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_questions")),
    )
    op.create_index("ix_event_questions_event_id", "event_questions", ["event_id", "position"], unique=False)
    op.create_table(
        "booking_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("purged_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["booking_id"], ["bookings.id"], name=op.f("fk_booking_answers_booking_id_bookings")),
        sa.ForeignKeyConstraint(
            ["question_id"], ["event_questions.id"], name=op.f("fk_booking_answers_question_id_event_questions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_answers")),
        sa.UniqueConstraint("booking_id", "question_id", name=op.f("uq_booking_answers_booking_id")),
    )
    op.create_index("ix_booking_answers_question_id", "booking_answers", ["question_id"], unique=False)


def downgrade():
    op.drop_index("ix_booking_answers_question_id", table_name="booking_answers")
    op.drop_table("booking_answers")
    op.drop_index("ix_event_questions_event_id", table_name="event_questions")
    op.drop_table("event_questions")
