"""What an event asks the people who book it (diet, health, experience), and their answers, kept with the booking."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db

QUESTION_KINDS = ("text", "long_text", "choice", "multi_choice", "yes_no", "date")
CHOICE_KINDS = ("choice", "multi_choice")


class EventQuestion(db.Model):
    """One question of an event's booking form; retired instead of deleted once asked, so answers keep their label."""

    __tablename__ = "event_questions"
    __table_args__ = (
        sa.CheckConstraint("kind IN ('text', 'long_text', 'choice', 'multi_choice', 'yes_no', 'date')", name="kind"),
        sa.Index("ix_event_questions_event_id", "event_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id"))
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(sa.String(20))
    label: Mapped[str] = mapped_column(sa.String(300))
    help_text: Mapped[str] = mapped_column(sa.String(500), default="")
    required: Mapped[bool] = mapped_column(default=False)
    # Health and the like: deleted SENSITIVE_ANSWERS_RETENTION_DAYS after the session ends.
    sensitive: Mapped[bool] = mapped_column(default=False)
    choices: Mapped[list | None] = mapped_column(sa.JSON)  # the options of a choice or multi_choice
    retired: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class BookingAnswer(db.Model):
    """A booker's answer to one question, written with the booking; a sensitive one is emptied when its time ends."""

    __tablename__ = "booking_answers"
    __table_args__ = (
        sa.UniqueConstraint("booking_id", "question_id"),
        sa.Index("ix_booking_answers_question_id", "question_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(sa.ForeignKey("bookings.id"))
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("event_questions.id"))
    value: Mapped[object | None] = mapped_column(sa.JSON)  # None once purged
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
