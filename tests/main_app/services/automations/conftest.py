"""An automation's world: a studio team, the timers lane that runs automations (drain(), and time passing for what
waits), the CRM's facts about people as a test sets them, and an automation made and switched on through the API."""

from types import SimpleNamespace

import pytest
from sqlalchemy import update

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import CHANNEL_TIMERS, OUTBOX_PENDING, AutomationEntry, OutboxMessage, utcnow
from main_app.services import crm
from tests.main_app.services.studios.conftest import booked_in, make_team, team  # noqa: F401  (fixtures, used by name)


@pytest.fixture
def timers_lane(app):
    """The timers lane: .drain() runs rounds until nothing is due; .time_passes() makes every waiting job and entry
    due now, as the clock reaching them would. No quiet hours unless a test sets them (the clock's hour is any)."""
    app.config.update(AUTOMATION_QUIET_START=0, AUTOMATION_QUIET_END=0)
    with app.app_context():
        lane = build_dispatcher(app.config, channel=CHANNEL_TIMERS)

    def drain() -> int:
        rounds = 0
        with app.app_context():
            while lane.run_once() and rounds < 500:
                rounds += 1
        return rounds

    def time_passes() -> None:
        with app.app_context(), unit_of_work():
            now = utcnow()
            waiting = (OutboxMessage.channel == CHANNEL_TIMERS, OutboxMessage.status == OUTBOX_PENDING)
            db.session.execute(update(OutboxMessage).where(*waiting).values(next_attempt_at=now))
            db.session.execute(update(AutomationEntry).where(AutomationEntry.due_at > now).values(due_at=now))

    yield SimpleNamespace(drain=drain, time_passes=time_passes, dispatcher=lane)
    with app.app_context():
        lane.close()


@pytest.fixture
def crm_book(monkeypatch):
    """What the CRM's book says of people: .people[user_id] = facts (consent and tags); .asked counts the calls;
    .down makes the CRM unreachable."""
    book = SimpleNamespace(people={}, asked=0, down=False)

    def facts(config, studio_id, user_ids, segment_ids, **_kwargs):
        book.asked += 1
        if book.down:
            raise crm.FactsUnavailable("the CRM could not be reached: ConnectionError")
        return {user_id: book.people.get(user_id) or _unknown(user_id) for user_id in user_ids}

    monkeypatch.setattr(crm, "people_facts", facts)
    return book


def known(user_id: int, *, consent: bool = True, tags=(), segments=()) -> SimpleNamespace:
    """A client of the book's: their facts."""
    return SimpleNamespace(
        user_id=user_id,
        client_id=1000 + user_id,
        known=True,
        tags=frozenset(tags),
        segment_ids=frozenset(segments),
        marketing_consent=consent,
        consent_at=utcnow() if consent else None,
        email=None,
    )


def _unknown(user_id: int) -> SimpleNamespace:
    return SimpleNamespace(
        user_id=user_id,
        client_id=None,
        known=False,
        tags=frozenset(),
        segment_ids=frozenset(),
        marketing_consent=False,
        consent_at=None,
        email=None,
    )


@pytest.fixture
def automate(team):  # noqa: F811  (the fixture imported above)
    """automate(trigger, steps, on=True, client=owner): an automation made through the API (switched on): its body."""

    def make(trigger: dict, steps: list, *, on: bool = True, name: str = "Follow-up", who=None) -> dict:
        client = team.clients[who or "owner"]
        made = client.post(
            f"/api/studios/{team.slug}/automations", json={"name": name, "trigger": trigger, "steps": steps}
        )
        assert made.status_code == 201, made.get_json()
        if not on:
            return made.get_json()
        switched = client.patch(f"/api/studios/{team.slug}/automations/{made.get_json()['id']}", json={"active": True})
        assert switched.status_code == 200, switched.get_json()
        return switched.get_json()

    return make
