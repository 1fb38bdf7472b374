"""Typed timed jobs: each kind's job writes its row through schedule() and reads back from it as the same job;
cancel() drops a job's row by its key or its booking; the lane's kind table runs every kind as its typed job, and a
kind nobody handles or a row its kind cannot read is dead while the rest run."""

import dataclasses
from collections import Counter
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from main_app import lanes
from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import CHANNEL_TIMERS, OutboxMessage, utcnow
from main_app.services import timers

pytestmark = pytest.mark.both_databases

PAST = datetime(2020, 5, 1, 9, 30, tzinfo=utcnow().tzinfo)


def _jobs(due: datetime) -> list[timers.TimerJob]:
    """One job of every kind (every step of an instalment), all due at due."""
    period_end = due + timedelta(days=30)
    return [
        timers.HoldExpiry(booking_id=10**8 + 1, due=due),
        timers.ApprovalExpiry(booking_id=10**8 + 2, due=due),
        timers.OfferExpiry(entry_id=10**8 + 3, due=due),
        timers.SessionClose(session_id=10**8 + 4, due=due),
        timers.AnswersPurge(session_id=10**8 + 5, due=due),
        timers.PassCheckoutEnd(pass_id=10**8 + 6, due=due),
        timers.RenewalLapse(pass_id=10**8 + 7, period_end=period_end, due=due),
        timers.PreDebitNotice(pass_id=10**8 + 8, period_end=period_end, amount=4500, due=due),
        timers.ExportStep(export_id=10**8 + 9, table="clients", after=40, part=2, tries=1, studio_id=3, due=due),
        timers.ExportStep(export_id=10**8 + 10, table=None, due=due),
        timers.ClientImportStep(import_id=10**8 + 11, offset=512, due=due),
        timers.StudioImportStep(import_id=10**8 + 12, due=due),
        timers.CalendarSync(calendar_id=10**8 + 15, user_id=10**8 + 16, periodic=True, due=due),
        timers.AutomationEnter(automation_id=10**8 + 17, user_id=10**8 + 18, occurrence="booking:1", due=due),
        timers.AutomationRun(automation_id=10**8 + 19, due=due),
        timers.AutomationSweep(automation_id=10**8 + 20, after=7, due=due),
        *(
            timers.InstalmentTimer(instalment_id=10**8 + 13, booking_id=10**8 + 14, step=step, due=due)
            for step in ("reminder_7", "reminder_1", "due", "grace")
        ),
    ]


def _rows(app) -> dict:
    with app.app_context():
        rows = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.channel == CHANNEL_TIMERS)).all()
        return {row.id: (row.type, row.payload, row.booking_id, row.next_attempt_at, row.status) for row in rows}


def test_every_kind_is_scheduled_as_its_row_and_read_back_as_its_job(app):
    due = utcnow().replace(microsecond=0) + timedelta(hours=3)
    jobs = _jobs(due)
    assert {job.kind for job in jobs} == set(lanes.timers(app.config))  # a job for every kind the table knows
    with app.app_context(), unit_of_work():
        for job in jobs:
            timers.schedule(job)
            if job.key() is not None:
                timers.schedule(job)  # a job with a key is written once
    rows = _rows(app)
    assert len(rows) == len(jobs)
    table = lanes.timers(app.config)
    for job in jobs:
        [(row_id, row)] = [(i, r) for i, r in rows.items() if r[0] == job.kind and r[1] == job.payload()]
        assert row == (job.kind, job.payload(), job.booking(), due, "pending")
        assert job.row_id() in (None, row_id)
        assert table[job.kind].job.from_payload(job.kind, row[1]) == job


def test_cancel_drops_jobs_by_their_key_or_their_booking_and_nothing_else(app):
    due = utcnow() + timedelta(hours=3)
    jobs = _jobs(due)
    findable = [job for job in jobs if job.key() is not None or job.booking() is not None]
    assert {job.kind for job in findable} >= {"hold_expiry", "approval_expiry", "pass_lapse", "instalment_due"}
    with app.app_context(), unit_of_work():
        for job in jobs:
            timers.schedule(job)
        timers.cancel(findable)
    left = {(row[0], str(row[1])) for row in _rows(app).values()}
    assert left == {(job.kind, str(job.payload())) for job in jobs if job not in findable}
    with app.app_context(), unit_of_work(), pytest.raises(ValueError, match="cannot be found to cancel"):
        timers.cancel([timers.OfferExpiry(entry_id=1)])


def test_the_lanes_kind_table_runs_every_kind_as_its_job_and_sends_the_unreadable_dead(app, monkeypatch):
    ran = []
    table = {
        kind: dataclasses.replace(timer, run=ran.append, fetch=None, dead=None)
        for kind, timer in lanes.timers(app.config).items()
    }
    monkeypatch.setattr(lanes, "timers", lambda config: table)
    jobs = _jobs(PAST)
    with app.app_context(), unit_of_work():
        for job in jobs:
            timers.schedule(job)
        timers.schedule(dataclasses.replace(jobs[0], due=PAST + timedelta(seconds=1)))
    with app.app_context():
        unknown = OutboxMessage(channel=CHANNEL_TIMERS, type="moon_phase", payload={}, next_attempt_at=PAST)
        unreadable = OutboxMessage(
            channel=CHANNEL_TIMERS, type="pass_lapse", payload={"lapse_pass": 1}, next_attempt_at=PAST
        )
        with unit_of_work():
            db.session.add_all([unknown, unreadable])
        bad = {unknown.id: "no timer handles 'moon_phase'", unreadable.id: "a pass_lapse job without 'period_end'"}
        lane = build_dispatcher(app.config, channel=CHANNEL_TIMERS)
        try:
            while lane.run_once():
                pass
        finally:
            lane.close()
    assert Counter(ran) == Counter([*jobs, jobs[0]])  # each as its typed job (a job without a key: each row)
    rows = _rows(app)
    assert {row[4] for row_id, row in rows.items() if row_id not in bad} == {"delivered"}
    with app.app_context():
        for row_id, error in bad.items():
            message = db.session.get(OutboxMessage, row_id)
            assert message.status == "dead" and error in message.last_error
