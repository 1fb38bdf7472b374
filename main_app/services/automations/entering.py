"""People entering an automation: the news a trigger hears (one person, from the timers lane's enter job) and a
sweep's finds (many at once). An entry is one per automation, person and occurrence (ON CONFLICT DO NOTHING), and
the run that moves it is written in the same transaction."""

from datetime import datetime

from sqlalchemy import distinct, func, select
from sqlalchemy.dialects import postgresql, sqlite

from main_app.services import timers

from ...extensions import db
from ...models import (
    Automation,
    AutomationEntry,
    Booking,
    Checkin,
    Event,
    EventSession,
    Pass,
    PassProduct,
    User,
    utcnow,
)

INSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def enter(automation: Automation, people: list[tuple[int, str]], now: datetime) -> int:
    """The people ((user id, occurrence)) entered, due at once; how many were new. A run follows when any was."""
    if not people:
        return 0
    rows = [
        {
            "automation_id": automation.id,
            "studio_id": automation.studio_id,
            "user_id": user_id,
            "occurrence": occurrence[:64],
            "step": 0,
            "state": "waiting",
            "due_at": now,
            "entered_at": now,
        }
        for user_id, occurrence in people
    ]
    statement = INSERT[db.engine.dialect.name](AutomationEntry.__table__).values(rows)
    statement = statement.on_conflict_do_nothing(index_elements=["automation_id", "user_id", "occurrence"])
    entered = db.session.execute(statement).rowcount
    if entered:
        timers.schedule(timers.AutomationRun(automation_id=automation.id, due=now))
    return entered


def run_enter(job: timers.AutomationEnter) -> None:
    """A person's news heard by an automation that is still on: they enter (a first visit only if it is one, a pass
    bought only if it is an intro offer)."""
    automation = db.session.get(Automation, job.automation_id)
    if automation is None or not automation.active:
        return
    user = db.session.get(User, job.user_id)
    if user is None or user.erased_at is not None:
        return
    if automation.trigger == "first_visit" and _visits(automation.studio_id, user.id) > 1:
        return
    if automation.trigger == "intro_offer_bought" and not _intro_offer(job.occurrence):
        return  # a pass of a product for everyone: no intro offer
    enter(automation, [(user.id, job.occurrence)], utcnow())


def _intro_offer(occurrence: str) -> bool:
    """Whether the pass an occurrence names ("pass:<id>") is of a product for new customers only."""
    pass_id = int(occurrence.removeprefix("pass:"))
    found = (
        select(PassProduct.new_customers_only).join(Pass, Pass.product_id == PassProduct.id).where(Pass.id == pass_id)
    )
    return bool(db.session.scalar(found))


def _visits(studio_id: int, user_id: int) -> int:
    """The sessions of the studio the person was checked in at."""
    return db.session.scalar(
        select(func.count(distinct(Checkin.session_id)))
        .join(Booking, Booking.id == Checkin.booking_id)
        .join(EventSession, EventSession.id == Checkin.session_id)
        .join(Event, Event.id == EventSession.event_id)
        .where(Booking.user_id == user_id, Event.studio_id == studio_id)
    )
