"""A studio's automations: a trigger from its news or its calendar, then waits, conditions and actions; each person
who enters is an entry that walks the steps, and each step done is a row written once (the step's own transaction
writes it), so a step never runs twice for a person however often a worker dies."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db

ENTRY_WAITING, ENTRY_FINISHED, ENTRY_LEFT = "waiting", "finished", "left"


class Automation(db.Model):
    """One automation of a studio: its trigger (kind, days for the kinds that count days) and steps (a JSON list the
    API checks), off until switched on; a removed one keeps its rows for its figures, hidden."""

    __tablename__ = "automations"
    __table_args__ = (
        sa.Index("ix_automations_studio_id_trigger", "studio_id", "trigger"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(sa.String(100))
    template: Mapped[str | None] = mapped_column(sa.String(32))
    trigger: Mapped[str] = mapped_column(sa.String(32))
    trigger_days: Mapped[int | None] = mapped_column(sa.Integer)
    steps: Mapped[list] = mapped_column(sa.JSON)
    active: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    switched_on_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    made_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AutomationEntry(db.Model):
    """A person in an automation for one occurrence of its trigger (a booking, a pass, a year's birthday): the next
    step and when it is due, until they finish or leave. One per automation, person and occurrence."""

    __tablename__ = "automation_entries"
    __table_args__ = (
        sa.UniqueConstraint("automation_id", "user_id", "occurrence"),
        sa.Index("ix_automation_entries_due", "automation_id", "state", "due_at"),
        sa.Index("ix_automation_entries_user_id", "user_id"),
        sa.CheckConstraint("state IN ('waiting', 'finished', 'left')", name="state"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    automation_id: Mapped[int] = mapped_column(sa.ForeignKey("automations.id", ondelete="CASCADE"))
    studio_id: Mapped[int] = mapped_column(sa.Integer)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    occurrence: Mapped[str] = mapped_column(sa.String(64))
    step: Mapped[int] = mapped_column(default=0, server_default="0")  # the next step's index
    state: Mapped[str] = mapped_column(sa.String(16), default=ENTRY_WAITING, server_default=ENTRY_WAITING)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # None once finished or left
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    left_because: Mapped[str | None] = mapped_column(sa.String(32))
    code: Mapped[str | None] = mapped_column(sa.String(40))  # the code a make_code step made for them


class AutomationStepDone(db.Model):
    """A step an entry went through (outcome: done, or why it was skipped), written in that step's transaction: at
    most one per entry and step."""

    __tablename__ = "automation_steps_done"
    __table_args__ = (sa.UniqueConstraint("entry_id", "step"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(sa.ForeignKey("automation_entries.id", ondelete="CASCADE"))
    step: Mapped[int] = mapped_column(sa.Integer)
    outcome: Mapped[str] = mapped_column(sa.String(32))
    done_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
