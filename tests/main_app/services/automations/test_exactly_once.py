"""Each person goes through each step once: two timers lanes running the same automation's runs at the same moment
(as two workers would) move every one of 300 people through every step exactly once: one code, one tag message and
one email each, one row per step."""

from collections import Counter

import pytest
from racing import race
from sqlalchemy import func, insert, select

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import (
    CHANNEL_CRM,
    CHANNEL_EMAIL,
    CHANNEL_TIMERS,
    AutomationEntry,
    AutomationStepDone,
    DiscountCode,
    OutboxMessage,
    User,
    utcnow,
)
from main_app.services import timers
from tests.main_app.services.automations.conftest import known

pytestmark = pytest.mark.both_databases

PEOPLE, RUNS = 300, 8
STEPS = [
    {"kind": "make_code", "percent_off": 10, "valid_days": 7},
    {"kind": "add_tag", "tag": "raced"},
    {"kind": "email", "subject": "Hello", "text": "Your code: {code}"},
]


def _people_waiting(app, automation_id: int, studio_id: int) -> list[int]:
    """PEOPLE accounts, each in the automation and due now, with RUNS runs of it due: (their ids)."""
    now = utcnow()
    with app.app_context(), unit_of_work():
        people = [{"name": f"Racer {n}", "email": f"racer{n}@example.com", "password_hash": "x"} for n in range(PEOPLE)]
        db.session.execute(insert(User), people)
        ids = list(db.session.scalars(select(User.id).where(User.email.like("racer%@example.com"))))
        entries = [
            {"automation_id": automation_id, "studio_id": studio_id, "user_id": user_id, "occurrence": "raced"}
            | {"step": 0, "state": "waiting", "due_at": now, "entered_at": now}
            for user_id in ids
        ]
        db.session.execute(insert(AutomationEntry), entries)
        for _run in range(RUNS):
            timers.schedule(timers.AutomationRun(automation_id=automation_id, due=now))
    return ids


def _drain(app):
    def lane() -> None:
        with app.app_context():
            dispatcher = build_dispatcher(app.config, channel=CHANNEL_TIMERS)
            try:
                while dispatcher.run_once():
                    pass
            finally:
                dispatcher.close()

    return lane


def test_two_lanes_at_once_move_each_person_through_each_step_once(app, team, automate, timers_lane, crm_book):
    app.config.update(AUTOMATION_BATCH=40, DISPATCH_BATCH_SIZE=2)
    automation = automate({"kind": "booking_made"}, STEPS)
    ids = _people_waiting(app, automation["id"], team.id)
    crm_book.people.update({user_id: known(user_id) for user_id in ids})
    race([_drain(app), _drain(app)])
    timers_lane.drain()  # whatever a lane left for later (a retry after the other's lock)
    with app.app_context():
        states = Counter(db.session.scalars(select(AutomationEntry.state)))
        done = db.session.execute(select(AutomationStepDone.entry_id, AutomationStepDone.step)).all()
        codes = db.session.scalar(select(func.count()).select_from(DiscountCode))
        emails = db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.channel == CHANNEL_EMAIL, OutboxMessage.type == "marketing_email")
        ).all()
        tags = db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.channel == CHANNEL_CRM, OutboxMessage.type == "client_tag_added")
        ).all()
    assert states == {"finished": PEOPLE}
    assert len(done) == len(set(done)) == PEOPLE * len(STEPS)
    assert codes == PEOPLE
    assert sorted(Counter(row.payload["snapshot"]["to"]["email"] for row in emails).values()) == [1] * PEOPLE
    assert sorted(Counter(row.payload["data"]["user"]["id"] for row in tags).values()) == [1] * PEOPLE
