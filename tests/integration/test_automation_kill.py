"""An automation's steps are exactly once though its worker dies: 5,000 people in an automation (a code made for
each, a tag, a task for the staff) moved by the real dispatcher process, killed with SIGKILL once a tenth have
finished and started again. Each person goes through each step once: one code, one tag message and one task each;
a run the dead worker held goes again once its lease ends and moves only who it had not."""

from collections import Counter

import pytest
from live_stack import wait_for
from sqlalchemy import func, insert, select

from main_app.models import (
    CHANNEL_CRM,
    AutomationEntry,
    AutomationStepDone,
    DiscountCode,
    Event,
    EventSession,
    OutboxMessage,
    User,
    utcnow,
)
from main_app.models import Automation as AutomationRow
from main_app.services import timers

pytestmark = [pytest.mark.integration, pytest.mark.both_databases]

PEOPLE = 5_000
STEPS = [
    {"kind": "make_code", "percent_off": 15, "valid_days": 30},
    {"kind": "add_tag", "tag": "birthday-week"},
    {"kind": "staff_task", "text": "Say happy birthday to {first_name}"},
]


def _automation_of(stack) -> tuple[int, int]:
    """An automation (on) of a studio of the stack's: (its id, the studio's)."""
    session_id = stack.add_session(capacity=1)
    [row] = stack.rows(select(Event.studio_id).join(EventSession).where(EventSession.id == session_id))
    studio_id = row["studio_id"]
    made = insert(AutomationRow).values(
        studio_id=studio_id, name="Birthday week", trigger="birthday", trigger_days=0, steps=STEPS, active=True
    )
    stack.write(made)
    [found] = stack.rows(select(AutomationRow.id).where(AutomationRow.studio_id == studio_id))
    return found["id"], studio_id


def _people_in(stack, automation_id: int, studio_id: int) -> None:
    """PEOPLE accounts, each in the automation and due now, and the run that moves them."""
    now = utcnow()
    people = [{"name": f"Guest {n}", "email": f"guest{n}@kill.example", "password_hash": "x"} for n in range(PEOPLE)]
    stack.write(insert(User).values(people))
    ids = [row["id"] for row in stack.rows(select(User.id).where(User.email.like("guest%@kill.example")))]
    entries = [
        {"automation_id": automation_id, "studio_id": studio_id, "user_id": user_id, "occurrence": "2026"}
        | {"step": 0, "state": "waiting", "due_at": now, "entered_at": now}
        for user_id in ids
    ]
    run = timers.row_of(timers.AutomationRun(automation_id=automation_id, due=now))
    stack.write(insert(AutomationEntry).values(entries), insert(OutboxMessage).values(**run))


def _finished(stack, automation_id: int) -> int:
    finished = (AutomationEntry.automation_id == automation_id, AutomationEntry.state == "finished")
    return stack.rows(select(func.count().label("n")).select_from(AutomationEntry).where(*finished))[0]["n"]


def test_5000_people_go_through_each_step_once_though_the_worker_is_killed(start_stack, db_backend):
    stack = start_stack(
        db_backend,
        start_dispatcher=False,
        workers=1,
        DISPATCH_LEASE_SECONDS="10",  # a dead worker's run comes back soon (one going twice moves nobody twice)
        AUTOMATION_BATCH="250",
        AUTOMATION_QUIET_START="0",
        AUTOMATION_QUIET_END="0",
        DISPATCHER_NICENESS="0",
    )
    automation_id, studio_id = _automation_of(stack)
    _people_in(stack, automation_id, studio_id)
    stack.dispatcher.start()
    wait_for(lambda: _finished(stack, automation_id) >= PEOPLE // 10, 600, 0.1, "a tenth through")
    stack.dispatcher.kill()
    at_kill = _finished(stack, automation_id)
    stack.dispatcher.start()
    wait_for(lambda: _finished(stack, automation_id) == PEOPLE, 600, 0.5, "everyone through")
    done = stack.rows(select(AutomationStepDone.entry_id, AutomationStepDone.step))
    assert len(done) == len({(row["entry_id"], row["step"]) for row in done}) == PEOPLE * len(STEPS)
    codes = stack.rows(select(DiscountCode.code).where(DiscountCode.studio_id == studio_id))
    entry_codes = stack.rows(select(AutomationEntry.code).where(AutomationEntry.automation_id == automation_id))
    assert len(codes) == PEOPLE and {row["code"] for row in codes} == {row["code"] for row in entry_codes}
    crm = stack.rows(select(OutboxMessage.type, OutboxMessage.payload).where(OutboxMessage.channel == CHANNEL_CRM))
    for kind in ("client_tag_added", "automation_task"):
        told = Counter(row["payload"]["data"]["user"]["id"] for row in crm if row["type"] == kind)
        assert len(told) == PEOPLE and set(told.values()) == {1}, kind
    print(f"finished at the kill: {at_kill} of {PEOPLE}")
