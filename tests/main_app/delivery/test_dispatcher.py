"""The outbox dispatcher against a real local fake CRM: delivery, retries, dead letters, leases, concurrency.

These tests send one message per request (CRM_BATCH_SIZE=1, POST /notify), the machinery every lane shares (emails
and refunds always go one at a time); test_dispatcher_batches.py covers the CRM lane's batches."""

import threading
from datetime import timedelta
from urllib.parse import urlsplit

import probes
import pytest
import sqlalchemy as sa

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import DeliveryAttempt, OutboxMessage, utcnow

pytestmark = pytest.mark.both_databases

SLOW_MACHINE_TIMEOUT = 30.0  # seconds: only a CRM that never answers reaches it


@pytest.fixture
def app(make_app, fake_crm):
    """The main API pointed at the fake CRM, one quick try per delivery, schedule 5 s, 30 s, 120 s, one message per
    request."""
    # With one quick try, the usual 2 s timeout made any answer a loaded machine stalled past 2 s a failed delivery
    # (in a test about something else); tests of timeouts set their own short one on the client.
    return make_app(CRM_BASE_URL=fake_crm.url, CRM_BATCH_SIZE=1, CRM_TIMEOUT=SLOW_MACHINE_TIMEOUT)


@pytest.fixture
def make_dispatcher(app):
    """make_dispatcher(**config overrides): a Dispatcher built the way the CLI builds it."""
    made = []

    def make(**overrides):
        with app.app_context():
            dispatcher = build_dispatcher({**app.config, **overrides})
        made.append(dispatcher)
        return dispatcher

    yield make
    for dispatcher in made:
        dispatcher.close()


@pytest.fixture
def in_app(app):
    """in_app(fn, *args): call fn inside an app context (as the dispatcher process does)."""

    def call(fn, *args):
        with app.app_context():
            return fn(*args)

    return call


def by_id(outbox) -> dict[str, dict]:
    return {row["id"]: row for row in outbox()}


def wait_until(predicate, timeout: float = 5.0) -> bool:
    return probes.wait_until(predicate, timeout)


# -- delivering -------------------------------------------------------------------------------------


def test_pending_messages_are_delivered_in_order(app, add_messages, make_dispatcher, in_app, fake_crm, outbox):
    ids = add_messages(3)
    dispatcher = make_dispatcher(DISPATCH_CONCURRENCY=1)  # strict order needs one at a time
    before = utcnow()
    assert in_app(dispatcher.run_once) == 3
    after = utcnow()
    assert [r.headers["Idempotency-Key"] for r in fake_crm.notifications] == ids
    rows = outbox()
    assert [r.json() for r in fake_crm.notifications] == [row["payload"] for row in rows]
    for row in rows:
        assert row["status"] == "delivered"
        assert row["attempts"] == 1
        assert row["last_error"] is None
        assert row["claimed_by"] is None and row["lease_until"] is None
        assert before <= row["delivered_at"] <= after
    assert dispatcher.down is False
    assert in_app(dispatcher.run_once) == 0
    assert len(fake_crm.notifications) == 3


def test_messages_written_by_the_api_reach_the_crm(app, user_client, make_session, make_dispatcher, in_app, fake_crm):
    session = make_session()
    booking = user_client.post("/book", json={"session_id": session.id}).get_json()
    user_client.post(f"/bookings/{booking['id']}/cancel")
    in_app(make_dispatcher().run_once)
    sent = [r.json() for r in fake_crm.notifications]
    assert [(m["type"], m["booking_id"]) for m in sent] == [
        ("booking_created", booking["id"]),
        ("booking_cancelled", booking["id"]),
    ]
    assert {r.headers["Authorization"] for r in fake_crm.notifications} == {"Bearer test-crm-token"}


def test_a_2xx_without_json_counts_as_delivered(add_messages, make_dispatcher, in_app, fake_crm, outbox):
    [message_id] = add_messages(1)
    fake_crm.queue(200, body="stored, thanks")
    assert in_app(make_dispatcher().run_once) == 1
    assert len(fake_crm.notifications) == 1
    row = by_id(outbox)[message_id]
    assert (row["status"], row["attempts"]) == ("delivered", 1)


def test_concurrent_sending_delivers_each_once_recording_as_they_come_back(
    app, add_messages, make_dispatcher, in_app, fake_crm, outbox
):
    ids = add_messages(40)
    for _ in range(40):
        fake_crm.queue(201, delay=0.1)
    dispatcher = make_dispatcher(DISPATCH_CONCURRENCY=8)
    with app.app_context():
        claimed, commits = probes.count_commits(db.session, dispatcher.run_once)
    assert claimed == 40
    assert sorted(r.headers["Idempotency-Key"] for r in fake_crm.notifications) == sorted(ids)
    assert {row["status"] for row in outbox()} == {"delivered"}
    # The claim, then the outcomes as they come back (those back together in one commit): a message that went is
    # written at once, not when the slowest of its batch is done (test_send_recorded.py).
    assert 2 < commits <= 1 + 40
    # the slow answers overlapped, never more than the configured concurrency at once
    assert 2 <= fake_crm.most_in_flight <= 8


def test_a_transient_failure_mid_batch_leaves_the_unsent_alone(add_messages, make_dispatcher, in_app, fake_crm, outbox):
    ids = add_messages(30)
    fake_crm.answer(201, 201, 503)  # the probe and one more succeed, then the CRM fails
    for _ in range(27):
        fake_crm.queue(503, delay=0.02)
    dispatcher = make_dispatcher(DISPATCH_CONCURRENCY=2)
    assert in_app(dispatcher.run_once) == 30
    rows = by_id(outbox)
    delivered = [i for i in ids if rows[i]["status"] == "delivered"]
    failed = [i for i in ids if rows[i]["attempts"] == 1 and rows[i]["status"] == "pending"]
    untouched = [i for i in ids if rows[i]["attempts"] == 0]
    assert len(delivered) == 2
    assert 1 <= len(failed) <= 2  # at most one in flight beside the first failure
    assert len(untouched) == 30 - len(delivered) - len(failed)
    assert all(rows[i]["claimed_by"] is None for i in ids)
    assert len(fake_crm.notifications) == len(delivered) + len(failed)
    assert dispatcher.down is True


def test_transient_failure_reschedules_and_releases_the_rest(add_messages, make_dispatcher, in_app, fake_crm, outbox):
    first, second, third = add_messages(3)
    before = by_id(outbox)
    fake_crm.answer(503)
    dispatcher = make_dispatcher()
    started = utcnow()
    assert in_app(dispatcher.run_once) == 3
    assert len(fake_crm.notifications) == 1
    rows = by_id(outbox)
    failed = rows[first]
    assert failed["status"] == "pending"
    assert failed["attempts"] == 1
    assert "503" in failed["last_error"] and "CRMHTTPError" in failed["last_error"]
    assert started + timedelta(seconds=4) < failed["next_attempt_at"] < utcnow() + timedelta(seconds=6)
    assert failed["claimed_by"] is None and failed["lease_until"] is None
    for message_id in (second, third):
        assert rows[message_id] == before[message_id]  # released untouched: no claim, no attempt
    assert dispatcher.down is True
    assert dispatcher.unreachable is False


def test_retry_schedule_grows(add_messages, make_dispatcher, in_app, fake_crm, outbox, app):
    [message_id] = add_messages(1)
    dispatcher = make_dispatcher()
    for attempt, delay in enumerate([5, 30, 120], start=1):
        fake_crm.answer(500)
        with app.app_context(), unit_of_work():  # make it due again
            db.session.execute(sa.update(OutboxMessage).values(next_attempt_at=utcnow() - timedelta(seconds=1)))
        started = utcnow()
        in_app(dispatcher.run_once)
        row = by_id(outbox)[message_id]
        assert row["attempts"] == attempt
        assert started + timedelta(seconds=delay - 1) < row["next_attempt_at"] < utcnow() + timedelta(seconds=delay + 1)


def test_permanent_failure_is_dead_at_once_and_the_batch_goes_on(
    add_messages, make_dispatcher, in_app, fake_crm, outbox
):
    bad, good = add_messages(2)
    fake_crm.queue(400, body={"error": {"code": "validation_error", "message": "type is wrong"}})
    dispatcher = make_dispatcher()
    in_app(dispatcher.run_once)
    rows = by_id(outbox)
    assert rows[bad]["status"] == "dead"
    assert rows[bad]["attempts"] == 1
    assert "400" in rows[bad]["last_error"]
    assert rows[bad]["claimed_by"] is None
    assert rows[good]["status"] == "delivered"
    assert dispatcher.down is False
    assert in_app(dispatcher.run_once) == 0


@pytest.mark.parametrize("status", [401, 403])
def test_auth_failure_is_dead_naming_crm_auth_token(add_messages, make_dispatcher, in_app, fake_crm, outbox, status):
    [message_id] = add_messages(1)
    fake_crm.answer(status)
    in_app(make_dispatcher().run_once)
    row = by_id(outbox)[message_id]
    assert (row["status"], row["attempts"]) == ("dead", 1)
    assert "CRM_AUTH_TOKEN" in row["last_error"]
    assert "CRMAuthError" in row["last_error"]


def test_dead_after_the_schedule_runs_out(add_messages, make_dispatcher, in_app, fake_crm, outbox):
    [message_id] = add_messages(1)
    dispatcher = make_dispatcher(CRM_RETRY_SCHEDULE=[0.0, 0.0])
    fake_crm.answer(503, 503, 503, 200)
    statuses = []
    for _ in range(3):
        assert in_app(dispatcher.run_once) == 1
        row = by_id(outbox)[message_id]
        statuses.append((row["status"], row["attempts"]))
    assert statuses == [("pending", 1), ("pending", 2), ("dead", 3)]
    assert "503" in by_id(outbox)[message_id]["last_error"]
    assert in_app(dispatcher.run_once) == 0
    assert len(fake_crm.notifications) == 3


def test_connection_refused_marks_the_unreachable(app, make_app, dead_crm_url, add_messages, outbox):
    down_app = make_app(migrate=False, CRM_BASE_URL=dead_crm_url, CRM_BATCH_SIZE=1)
    [message_id] = add_messages(1)
    with down_app.app_context():
        dispatcher = build_dispatcher(down_app.config)
        assert dispatcher.run_once() == 1
    dispatcher.close()
    row = by_id(outbox)[message_id]
    assert (row["status"], row["attempts"]) == ("pending", 1)
    assert "CRMConnectionError" in row["last_error"]
    assert dispatcher.down is True and dispatcher.unreachable is True


# -- claiming ---------------------------------------------------------------------------------------


def test_expired_lease_is_claimed_again_and_a_live_one_is_not(add_messages, make_dispatcher, in_app, fake_crm, outbox):
    [expired] = add_messages(1, claimed_by="crashed-worker", lease_until=utcnow() - timedelta(seconds=1))
    [live] = add_messages(1, claimed_by="busy-worker", lease_until=utcnow() + timedelta(seconds=60))
    assert in_app(make_dispatcher().run_once) == 1
    assert [r.headers["Idempotency-Key"] for r in fake_crm.notifications] == [expired]
    rows = by_id(outbox)
    assert rows[expired]["status"] == "delivered"
    assert (rows[live]["status"], rows[live]["claimed_by"], rows[live]["attempts"]) == ("pending", "busy-worker", 0)


def test_only_due_pending_messages_are_claimed(add_messages, make_dispatcher, in_app, fake_crm):
    add_messages(1, next_attempt_at=utcnow() + timedelta(minutes=5))
    add_messages(1, status="delivered", attempts=1)
    add_messages(1, status="dead", attempts=3)
    [due] = add_messages(1)
    assert in_app(make_dispatcher().run_once) == 1
    assert [r.headers["Idempotency-Key"] for r in fake_crm.notifications] == [due]


def test_batch_size_limits_a_claim(add_messages, make_dispatcher, in_app, fake_crm):
    ids = add_messages(5)
    dispatcher = make_dispatcher(DISPATCH_BATCH_SIZE=2)
    assert [in_app(dispatcher.run_once) for _ in range(4)] == [2, 2, 1, 0]
    assert [r.headers["Idempotency-Key"] for r in fake_crm.notifications] == ids


def test_claim_leases_messages_to_this_worker(add_messages, make_dispatcher, in_app, outbox):
    ids = add_messages(2)
    dispatcher = make_dispatcher(DISPATCH_LEASE_SECONDS=60)
    before = utcnow()
    claimed = in_app(dispatcher.claim)
    after = utcnow()
    assert [m.id for m in claimed] == ids
    assert claimed[0].payload["booking_id"] == 1 and claimed[0].attempts == 0
    for row in outbox():
        assert row["claimed_by"] is not None
        # A lease of 60 s from the claim, whenever it ran (a second either side for the clocks' precision).
        assert before + timedelta(seconds=59) <= row["lease_until"] <= after + timedelta(seconds=61)
    assert in_app(make_dispatcher().claim) == []  # a second worker sees nothing


def test_a_worker_whose_lease_was_taken_over_does_not_overwrite_with_a_failure(
    app, add_messages, make_dispatcher, in_app, fake_crm, outbox
):
    [message_id] = add_messages(1)
    slow, fresh = make_dispatcher(), make_dispatcher()
    [message] = in_app(slow.claim)
    with app.app_context(), unit_of_work():  # the slow worker's lease runs out
        db.session.execute(sa.update(OutboxMessage).values(lease_until=utcnow() - timedelta(seconds=1)))
    assert [m.id for m in in_app(fresh.claim)] == [message_id]
    fake_crm.answer(400)
    in_app(lambda: slow.record([slow.send(message)]))
    row = by_id(outbox)[message_id]
    assert row["status"] == "pending" and row["attempts"] == 0
    assert row["claimed_by"] == fresh._claim_token


def test_a_late_worker_s_delivery_still_counts(app, add_messages, make_dispatcher, in_app, fake_crm, outbox):
    """A 2xx is a fact: it ends the message even after the lease moved on (no endless re-sending)."""
    [message_id] = add_messages(1)
    slow, fresh = make_dispatcher(), make_dispatcher()
    [message] = in_app(slow.claim)
    with app.app_context(), unit_of_work():
        db.session.execute(sa.update(OutboxMessage).values(lease_until=utcnow() - timedelta(seconds=1)))
    [again] = in_app(fresh.claim)
    in_app(lambda: slow.record([slow.send(message)]))
    row = by_id(outbox)[message_id]
    assert (row["status"], row["attempts"], row["claimed_by"]) == ("delivered", 1, None)
    in_app(lambda: fresh.record([fresh.send(again)]))  # the new holder's late success changes nothing more
    assert by_id(outbox)[message_id]["attempts"] == 1


def test_no_new_sends_after_half_the_lease(add_messages, make_dispatcher, in_app, fake_crm, outbox):
    ids = add_messages(10)
    for _ in range(10):
        fake_crm.queue(201, delay=0.3)
    dispatcher = make_dispatcher(DISPATCH_LEASE_SECONDS=1, DISPATCH_CONCURRENCY=1)
    assert in_app(dispatcher.run_once) == 10
    rows = by_id(outbox)
    delivered = [i for i in ids if rows[i]["status"] == "delivered"]
    assert 1 <= len(delivered) < 10  # the probe, plus what fitted in half a second
    assert all(rows[i]["attempts"] == 0 and rows[i]["claimed_by"] is None for i in ids if i not in delivered)


def test_two_dispatchers_never_claim_the_same_message(app, add_messages, make_dispatcher):
    ids = add_messages(60)
    workers = [make_dispatcher(DISPATCH_BATCH_SIZE=7) for _ in range(2)]
    claimed: dict[int, list[str]] = {0: [], 1: []}
    start = threading.Barrier(2)
    errors = []

    def work(index):
        try:
            with app.app_context():
                start.wait()
                while batch := workers[index].claim():
                    claimed[index].extend(m.id for m in batch)
        except Exception as exc:  # surfaced below; a thread's exception is otherwise lost
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert set(claimed[0]).isdisjoint(claimed[1])
    assert sorted(claimed[0] + claimed[1]) == sorted(ids)
    assert len(claimed[0]) + len(claimed[1]) == 60


# -- backlog and the run loop -----------------------------------------------------------------------


def test_release_backlog_makes_rescheduled_messages_due_now(add_messages, make_dispatcher, in_app, outbox):
    later = utcnow() + timedelta(hours=1)
    [rescheduled] = add_messages(1, attempts=2, next_attempt_at=later)
    [never_tried] = add_messages(1, attempts=0, next_attempt_at=later)
    [delivered] = add_messages(1, attempts=1, status="delivered", next_attempt_at=later)
    [dead] = add_messages(1, attempts=3, status="dead", next_attempt_at=later)
    assert in_app(make_dispatcher().release_backlog) == 1
    rows = by_id(outbox)
    assert rows[rescheduled]["next_attempt_at"] <= utcnow()
    assert rows[rescheduled]["attempts"] == 2
    for untouched in (never_tried, delivered, dead):
        assert rows[untouched]["next_attempt_at"] == later


def test_run_delivers_and_stops(app, add_messages, make_dispatcher, fake_crm, outbox):
    dispatcher = make_dispatcher()
    stop = dispatcher.stop
    add_messages(2)
    thread = threading.Thread(target=_run_in_app, args=(app, dispatcher, stop))
    thread.start()
    try:
        assert wait_until(lambda: [r["status"] for r in outbox()] == ["delivered", "delivered"])
        add_messages(1)  # picked up by the polling loop
        assert wait_until(lambda: len(fake_crm.notifications) == 3)
    finally:
        dispatcher.request_stop()
        thread.join(5)
    assert not thread.is_alive()


def _run_in_app(app, dispatcher, _stop):
    with app.app_context():
        dispatcher.run()


def test_run_waits_for_a_crm_that_was_down_then_delivers_the_backlog(make_app, add_messages, start_fake_crm, outbox):
    down_app = make_app(migrate=False, CRM_BATCH_SIZE=1)  # CRM_BASE_URL points at a port nothing listens on
    port = urlsplit(down_app.config["CRM_BASE_URL"]).port
    with down_app.app_context():
        dispatcher = build_dispatcher({**down_app.config, "CRM_RETRY_SCHEDULE": [3600.0]})
    [message_id] = add_messages(1)
    stop = dispatcher.stop
    thread = threading.Thread(target=_run_in_app, args=(down_app, dispatcher, stop))
    thread.start()
    try:
        assert wait_until(lambda: by_id(outbox)[message_id]["attempts"] == 1)
        row = by_id(outbox)[message_id]
        assert row["status"] == "pending" and row["next_attempt_at"] > utcnow() + timedelta(minutes=50)
        crm = start_fake_crm(port)  # the CRM comes back on its usual address
        assert wait_until(lambda: by_id(outbox)[message_id]["status"] == "delivered")
    finally:
        dispatcher.request_stop()
        thread.join(5)
        dispatcher.close()
    assert not thread.is_alive()
    paths = [r.path for r in crm.requests]
    assert paths[0] == "/health" and paths[-1] == "/notify"
    assert by_id(outbox)[message_id]["attempts"] == 2


# -- the command ------------------------------------------------------------------------------------


def invoke(app, *args):
    """Run a CLI command as `flask --app main_app ...` does; the command pushes its own app context."""
    return app.test_cli_runner().invoke(args=list(args))


def test_cli_dispatch_once_delivers_everything_due(app, add_messages, fake_crm, outbox):
    ids = add_messages(3)
    result = invoke(app, "crm-dispatch", "--once")
    assert result.exit_code == 0, result.output
    # sent concurrently after the first: every one, once, in any order
    assert sorted(r.headers["Idempotency-Key"] for r in fake_crm.notifications) == sorted(ids)
    assert {r["status"] for r in outbox()} == {"delivered"}


def test_cli_dispatch_once_returns_when_the_crm_is_down(make_app, dead_crm_url, add_messages, outbox):
    down_app = make_app(migrate=False, CRM_BASE_URL=dead_crm_url, CRM_BATCH_SIZE=1)
    add_messages(2)
    result = invoke(down_app, "crm-dispatch", "--once")
    assert result.exit_code == 0, result.output
    # One attempt, then the rest of the claim left alone: it returned instead of trying every message.
    assert [(r["status"], r["attempts"]) for r in outbox()] == [("pending", 1), ("pending", 0)]


# -- the attempt log --------------------------------------------------------------------------------


def attempt_log(app, message_id: str) -> list[dict]:
    """The DeliveryAttempt rows of one message, oldest first, as dicts."""
    with app.app_context():
        rows = db.session.scalars(
            sa.select(DeliveryAttempt).where(DeliveryAttempt.message_id == message_id).order_by(DeliveryAttempt.id)
        )
        return [{c.name: getattr(row, c.name) for c in DeliveryAttempt.__table__.columns} for row in rows]


def test_every_http_request_is_an_attempt_row(app, make_app, add_messages, fake_crm, outbox):
    retrying_app = make_app(migrate=False, CRM_BASE_URL=fake_crm.url, CRM_QUICK_RETRIES=3, CRM_BATCH_SIZE=1)
    [message_id] = add_messages(1)
    fake_crm.answer(503, 503, 200)
    started = utcnow()
    with retrying_app.app_context():
        dispatcher = build_dispatcher(retrying_app.config)
        assert dispatcher.run_once() == 1
    dispatcher.close()
    assert len(fake_crm.notifications) == 3
    log = attempt_log(app, message_id)
    assert [a["status_code"] for a in log] == [503, 503, 200]
    assert [a["error"] for a in log] == ["CRM answered 503", "CRM answered 503", None]
    assert [a["response_excerpt"] for a in log] == [
        '{"error": "scripted"}',
        '{"error": "scripted"}',
        f'{{"status": "success", "notification_id": "{message_id}"}}',
    ]
    for attempt in log:
        assert attempt["worker_id"] == dispatcher.worker_id
        assert attempt["latency_ms"] > 0
        assert started - timedelta(seconds=1) <= attempt["attempted_at"] <= utcnow()
    row = by_id(outbox)[message_id]
    assert (row["status"], row["attempts"], row["failure_kind"], row["last_error"]) == ("delivered", 1, None, None)


def test_attempt_rows_keep_the_first_500_characters_of_the_answer(app, add_messages, make_dispatcher, in_app, fake_crm):
    [message_id] = add_messages(1)
    fake_crm.queue(400, body="y" * 499 + "z" * 2000)
    in_app(make_dispatcher().run_once)
    [attempt] = attempt_log(app, message_id)
    assert attempt["response_excerpt"] == "y" * 499 + "z"
    assert (attempt["status_code"], attempt["error"]) == (400, "CRM answered 400")


def test_refused_connections_are_attempt_rows_without_a_status(app, make_app, dead_crm_url, add_messages, outbox):
    down_app = make_app(migrate=False, CRM_BASE_URL=dead_crm_url, CRM_QUICK_RETRIES=2, CRM_BATCH_SIZE=1)
    [message_id] = add_messages(1)
    with down_app.app_context():
        dispatcher = build_dispatcher(down_app.config)
        dispatcher.run_once()
    dispatcher.close()
    log = attempt_log(app, message_id)
    assert [a["status_code"] for a in log] == [None, None]
    assert [a["error"] for a in log] == [f"CRM unreachable at {dead_crm_url}: ConnectionError"] * 2
    assert [a["response_excerpt"] for a in log] == [None, None]
    assert {a["worker_id"] for a in log} == {dispatcher.worker_id}
    assert all(a["latency_ms"] > 0 for a in log)
    row = by_id(outbox)[message_id]
    assert (row["status"], row["attempts"], row["failure_kind"]) == ("pending", 1, "transient")


def test_a_timeout_is_an_attempt_row_and_transient(app, add_messages, make_dispatcher, in_app, fake_crm, outbox):
    [message_id] = add_messages(1)
    dispatcher = make_dispatcher()
    dispatcher.client.timeout = 0.2
    fake_crm.queue(200, delay=3)
    started = utcnow()
    in_app(dispatcher.run_once)
    took = utcnow() - started
    [attempt] = attempt_log(app, message_id)
    assert (attempt["status_code"], attempt["error"], attempt["response_excerpt"]) == (
        None,
        "CRM did not answer within 0.2s",
        None,
    )
    # It waited out its timeout, within the run that recorded it (the answer would have come after 3 s).
    assert 150 < attempt["latency_ms"] <= took / timedelta(milliseconds=1)
    row = by_id(outbox)[message_id]
    assert (row["status"], row["attempts"], row["failure_kind"]) == ("pending", 1, "transient")
    assert row["last_error"] == "CRMTimeoutError: CRM did not answer within 0.2s"
    assert started + timedelta(seconds=4) < row["next_attempt_at"] < utcnow() + timedelta(seconds=6)
    assert dispatcher.unreachable is True


# -- failure kinds and Retry-After ------------------------------------------------------------------


@pytest.mark.parametrize(
    "status, outcome, kind",
    [
        (500, "pending", "transient"),
        (503, "pending", "transient"),
        (429, "pending", "transient"),
        (400, "dead", "permanent"),
        (422, "dead", "permanent"),
        (401, "dead", "configuration"),
        (403, "dead", "configuration"),
    ],
)
def test_failure_kind(add_messages, make_dispatcher, in_app, fake_crm, outbox, status, outcome, kind):
    [message_id] = add_messages(1)
    fake_crm.answer(status)
    in_app(make_dispatcher().run_once)
    row = by_id(outbox)[message_id]
    assert (row["status"], row["attempts"], row["failure_kind"]) == (outcome, 1, kind)
    assert str(status) in row["last_error"]


def test_delivery_clears_the_failure_kind_of_an_earlier_try(
    app, add_messages, make_dispatcher, in_app, fake_crm, outbox
):
    [message_id] = add_messages(1)
    dispatcher = make_dispatcher()
    fake_crm.answer(503)
    in_app(dispatcher.run_once)
    assert by_id(outbox)[message_id]["failure_kind"] == "transient"
    with app.app_context(), unit_of_work():
        db.session.execute(sa.update(OutboxMessage).values(next_attempt_at=utcnow() - timedelta(seconds=1)))
    in_app(dispatcher.run_once)
    row = by_id(outbox)[message_id]
    assert (row["status"], row["attempts"], row["failure_kind"], row["last_error"]) == ("delivered", 2, None, None)
    assert [a["status_code"] for a in attempt_log(app, message_id)] == [503, 200]


def test_retry_after_longer_than_the_schedule_wins(add_messages, make_dispatcher, in_app, fake_crm, outbox):
    [message_id] = add_messages(1)
    fake_crm.queue(429, headers={"Retry-After": "120"})
    started = utcnow()
    in_app(make_dispatcher().run_once)  # one quick try; the schedule says 5 s
    row = by_id(outbox)[message_id]
    assert (row["status"], row["failure_kind"]) == ("pending", "transient")
    assert started + timedelta(seconds=120) <= row["next_attempt_at"] < utcnow() + timedelta(seconds=121)


def test_retry_after_shorter_than_the_schedule_keeps_the_schedule(
    add_messages, make_dispatcher, in_app, fake_crm, outbox
):
    [message_id] = add_messages(1)
    fake_crm.queue(429, headers={"Retry-After": "1"})
    started = utcnow()
    in_app(make_dispatcher().run_once)
    row = by_id(outbox)[message_id]
    assert started + timedelta(seconds=5) <= row["next_attempt_at"] < utcnow() + timedelta(seconds=5.5)


def test_each_attempt_row_has_its_own_time(app, add_messages, make_dispatcher, in_app, fake_crm):
    [message_id] = add_messages(1)
    dispatcher = make_dispatcher()
    dispatcher.client.quick_retries = 2
    fake_crm.queue(503, headers={"Retry-After": "1"})  # the quick retry waits a second
    in_app(dispatcher.run_once)
    first, second = attempt_log(app, message_id)
    gap = (second["attempted_at"] - first["attempted_at"]).total_seconds()
    received = [r.received_at for r in fake_crm.notifications]
    assert gap > 0.9  # the quick retry waited as Retry-After said
    # Each row's time is when its own request went out: after the one before it arrived, before its own did.
    assert first["attempted_at"] <= received[0] <= second["attempted_at"] <= received[1]
