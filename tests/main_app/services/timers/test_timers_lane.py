"""The timers lane: each timed job runs by its row's type from the composition root's table, apart from the payments
lane (money only); a kind nobody handles is dead with its error while the next job runs."""

from dataclasses import dataclass
from datetime import timedelta
from typing import ClassVar

import pytest
import sqlalchemy as sa

from main_app import lanes
from main_app.database import unit_of_work
from main_app.delivery.outbox import insert_rows, outbox_row
from main_app.extensions import db
from main_app.lanes import CHANNELS, build_dispatcher, timers
from main_app.models import CHANNEL_PAYMENTS, CHANNEL_TIMERS, DeliveryAttempt, OutboxMessage, utcnow
from main_app.services.timers import Timer, TimerJob
from service_kit import database as service_database
from service_kit.database import holds_write_turn

pytestmark = pytest.mark.both_databases


def _due(app, channel: str, kind: str, payload: dict, *, age: timedelta = timedelta(minutes=1)) -> str:
    row = outbox_row(channel, kind, payload)
    row["created_at"] = row["next_attempt_at"] = utcnow() - age
    with app.app_context(), unit_of_work():
        insert_rows([row])
    return row["id"]


def _drain(app, channel: str) -> None:
    with app.app_context():
        lane = build_dispatcher(app.config, channel=channel)
        try:
            while lane.run_once():
                pass
        finally:
            lane.close()


def _state(app, message_id: str) -> tuple:
    with app.app_context():
        status, error = db.session.execute(
            sa.select(OutboxMessage.status, OutboxMessage.last_error).where(OutboxMessage.id == message_id)
        ).one()
        excerpts = db.session.scalars(
            sa.select(DeliveryAttempt.response_excerpt).where(DeliveryAttempt.message_id == message_id)
        ).all()
    return status, error, excerpts


def test_the_timers_lane_is_a_lane_of_its_own_with_every_timed_kind(app):
    assert CHANNEL_TIMERS in CHANNELS
    assert set(timers(app.config)) == {
        "hold_expiry",
        "approval_expiry",
        "offer_expiry",
        "session_close",
        "answers_purge",
        "pass_checkout_end",
        "pass_lapse",
        "pre_debit_notice",
        "studio_export_step",
        "client_import_step",
        "studio_import_step",
        "calendar_sync",
        "automation_enter",
        "automation_run",
        "automation_sweep",
        "instalment_reminder_7",
        "instalment_reminder_1",
        "instalment_due",
        "instalment_grace",
    }


def test_a_timed_job_runs_by_its_type_and_an_unknown_kind_is_dead_while_the_next_runs(app):
    unknown = _due(app, CHANNEL_TIMERS, "moon_phase", {"booking_id": 1}, age=timedelta(minutes=2))
    purge = _due(app, CHANNEL_TIMERS, "answers_purge", {"purge_answers": 10**9})  # no such session: nothing to do
    _drain(app, CHANNEL_TIMERS)
    status, error, excerpts = _state(app, unknown)
    assert (status, excerpts) == ("dead", [None])
    assert "no timer handles 'moon_phase'" in error
    assert _state(app, purge) == ("delivered", None, ["answers_purge due"])


def test_the_payments_lane_runs_no_timed_job(app):
    """A lapse left on the payments channel is not the payments lane's to run: it waits for the timers lane."""
    lapse = _due(app, CHANNEL_PAYMENTS, "pass_lapse", {"lapse_pass": 10**9, "period_end": utcnow().isoformat()})
    _drain(app, CHANNEL_PAYMENTS)
    status, error, _excerpts = _state(app, lapse)
    assert status == "dead"
    assert "not a payment message" in error


def test_a_jobs_fetch_runs_outside_the_transaction_and_its_answer_reaches_the_job(app, monkeypatch):
    """A job that reads another service (an export's client book page) reads it before the dispatcher's unit of
    work: no write turn is held meanwhile, so the other lanes' writes never wait on the network."""
    seen = []

    @dataclass(frozen=True, kw_only=True)
    class ProbeRead(TimerJob):
        KIND: ClassVar[str] = "probe_read"
        n: int

        @classmethod
        def from_payload(cls, kind, payload):
            return cls(n=payload["n"])

    def fetch(job):
        with app.app_context():
            turn = service_database._write_turns.get(db.engine.url)
        free = turn is None or turn.acquire(blocking=False)
        if turn is not None and free:
            turn.release()
        seen.append(("fetch", holds_write_turn(), free))
        return {"page": job.n}

    def run(job, fetched):
        seen.append(("run", holds_write_turn(), fetched))

    table = {"probe_read": Timer(ProbeRead, run, fetch=fetch)}
    monkeypatch.setattr(lanes, "timers", lambda config: table)
    message = _due(app, CHANNEL_TIMERS, "probe_read", {"n": 7})
    _drain(app, CHANNEL_TIMERS)
    uses_turn = app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")
    assert seen == [("fetch", False, True), ("run", uses_turn, {"page": 7})]
    assert _state(app, message)[0] == "delivered"
