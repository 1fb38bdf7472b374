"""A run of an automation on the timers lane: the people whose next step is due (a batch at most) are read, the CRM
is asked what their steps need (outside the transaction), then each goes on in the run's one transaction. An entry
moves by a conditional update from the step it stood at, and each step it goes through is a row written once
(entry, step), so a run killed midway, or two at once, moves nobody twice."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, insert, select, update

from main_app.delivery import DeliveryError, insert_rows
from main_app.services import crm, discounts, timers

from ...extensions import db
from ...models import (
    ENTRY_LEFT,
    ENTRY_WAITING,
    Automation,
    AutomationEntry,
    AutomationStepDone,
    Booking,
    Event,
    EventSession,
    Studio,
    User,
    utcnow,
)
from .actions import Doing, act, finish
from .definitions import ACTIONS, asks_crm, segments_of
from .walk import Person, Quiet, Walked, walk


class CrmUnavailable(DeliveryError):
    """The CRM did not say what the steps need: the run goes again later, nobody moved."""


@dataclass(frozen=True)
class Due:
    """What prepare read: the due entries (id, user) of an active automation, and whether its steps ask the CRM."""

    studio_id: int
    entries: tuple[tuple[int, int], ...]
    segment_ids: tuple[int, ...]
    asks: bool


def prepare(job: timers.AutomationRun, batch: int) -> Due | None:
    """The automation's due entries, read before the run (its fetch has no database); None when it is off."""
    automation = db.session.get(Automation, job.automation_id)
    if automation is None or not automation.active:
        return None
    found = db.session.execute(_due(automation.id, utcnow()).limit(batch)).all()
    steps = automation.steps
    return Due(automation.studio_id, tuple(found), tuple(segments_of(steps)), asks_crm(steps))


def fetcher(config: Mapping):
    """The run's fetch: the CRM's facts about the due people when the steps ask them (CrmUnavailable otherwise)."""

    def fetch(job: timers.AutomationRun, due: Due | None) -> dict:
        if due is None or not due.asks or not due.entries:
            return {}
        user_ids = sorted({user_id for _entry, user_id in due.entries})
        try:
            return crm.people_facts(config, due.studio_id, user_ids, list(due.segment_ids))
        except crm.FactsUnavailable as exc:
            raise CrmUnavailable(f"the CRM did not say who may be written to: {exc}"[:300]) from None

    return fetch


def _due(automation_id: int, now: datetime):
    return (
        select(AutomationEntry.id, AutomationEntry.user_id)
        .where(
            AutomationEntry.automation_id == automation_id,
            AutomationEntry.state == ENTRY_WAITING,
            AutomationEntry.due_at <= now,
        )
        .order_by(AutomationEntry.due_at, AutomationEntry.id)
    )


def run(job: timers.AutomationRun, facts: dict, config: Mapping) -> None:
    """Move the due people the fetch asked about (all due, when the steps ask nothing), in this transaction."""
    automation = db.session.get(Automation, job.automation_id)
    if automation is None or not automation.active:
        return  # switched off: its people wait where they are until it is on again
    now, batch = utcnow(), config["AUTOMATION_BATCH"]
    query = select(AutomationEntry).where(
        AutomationEntry.id.in_(_due(automation.id, now).with_only_columns(AutomationEntry.id))
    )
    entries = db.session.scalars(query.order_by(AutomationEntry.id).limit(batch)).all()
    asks = asks_crm(automation.steps)
    if asks:
        entries = [entry for entry in entries if entry.user_id in facts]  # the rest: the next run asks about them
    studio = db.session.get(Studio, automation.studio_id)
    quiet = Quiet(studio.timezone, config["AUTOMATION_QUIET_START"], config["AUTOMATION_QUIET_END"])
    doing, next_due = Doing(automation, studio, now), set()
    people = _people(entries)
    booked = _booked_since(studio.id, entries) if _asks_bookings(automation.steps) else set()
    for entry in entries:
        user = people.get(entry.user_id)
        person = Person(facts.get(entry.user_id), entry.id in booked)
        walked = walk(automation.steps, entry.step, person, now, quiet) if user else _gone()
        if not _moved(entry, walked, doing):
            continue
        for index, outcome in walked.done:
            if outcome == "done" and automation.steps[index]["kind"] in ACTIONS:
                act(doing, entry, user, person.facts, index)
        if walked.due_at is not None:
            next_due.add(_minute_after(walked.due_at))
    _write(doing, entries, next_due, len(entries) >= batch, automation.id, now)


def _write(doing: Doing, entries: list, next_due: set, more: bool, automation_id: int, now: datetime) -> None:
    """The run's rows and the runs that follow: one at each new due minute, one now if more are due."""
    insert_rows(finish(doing))
    for due in sorted(next_due | ({now} if more else set())):
        timers.schedule(timers.AutomationRun(automation_id=automation_id, due=due))


def _moved(entry: AutomationEntry, walked, doing: Doing) -> bool:
    """The entry moved from the step it stood at to where the walk stopped, and its steps' rows written: False when
    another run moved it first (nothing written)."""
    values = {"step": walked.step, "state": walked.state, "due_at": walked.due_at, "left_because": walked.left_because}
    if walked.state != ENTRY_WAITING:
        values["finished_at"] = doing.now
    if any(doing.automation.steps[i]["kind"] == "make_code" for i, outcome in walked.done if outcome == "done"):
        values["code"] = doing.codes[entry.id] = discounts.code_name()  # what its later words name
    moved = db.session.execute(
        update(AutomationEntry)
        .where(
            AutomationEntry.id == entry.id,
            AutomationEntry.step == entry.step,
            AutomationEntry.state == ENTRY_WAITING,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:
        return False
    if walked.done:
        rows = [{"entry_id": entry.id, "step": i, "outcome": o, "done_at": doing.now} for i, o in walked.done]
        db.session.execute(insert(AutomationStepDone), rows)
    return True


def _gone() -> Walked:
    """The walk of a person whose account is gone: they leave."""
    return Walked(state=ENTRY_LEFT, left_because="account_gone")


def _minute_after(at: datetime) -> datetime:
    """The start of the next whole minute from at: the people due within a minute go in one run."""
    return at.replace(second=0, microsecond=0) + timedelta(minutes=1) if at.second or at.microsecond else at


def _people(entries: list) -> dict[int, User]:
    ids = {entry.user_id for entry in entries}
    found = db.session.scalars(select(User).where(User.id.in_(ids), User.erased_at.is_(None))) if ids else []
    return {user.id: user for user in found}


def _asks_bookings(steps: list[dict]) -> bool:
    return any(step.get("test") == "not_booked_since" for step in steps)


def _booked_since(studio_id: int, entries: list) -> set[int]:
    """The entries whose person booked one of the studio's sessions since they entered."""
    if not entries:
        return set()
    since = and_(
        Booking.user_id == AutomationEntry.user_id,
        Booking.created_at > AutomationEntry.entered_at,
        Event.studio_id == studio_id,
    )
    booked = exists(select(Booking.id).join(EventSession).join(Event).where(since))
    ids = [entry.id for entry in entries]
    return set(db.session.scalars(select(AutomationEntry.id).where(AutomationEntry.id.in_(ids), booked)))
