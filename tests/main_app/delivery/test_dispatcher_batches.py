"""The CRM lane's batches: many notifications per POST /notify/batch, each message's outcome from its own item's
result, whole-request failures, a batch the CRM finds too large or does not know, and the bulk bookkeeping."""

import json
import threading
import time
from datetime import timedelta

import pytest
import sqlalchemy as sa
from probes import count_statements
from standardwebhooks import Webhook

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import DeliveryAttempt, OutboxMessage, utcnow

pytestmark = pytest.mark.both_databases

SIGNING_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


@pytest.fixture
def app(make_app, fake_crm):
    """The main API pointed at the fake CRM, one quick try per request, up to 10 notifications per batch."""
    # A 30 s timeout, not the usual 2 s: with one quick try, a loaded machine stalling an answer would fail the batch.
    return make_app(CRM_BASE_URL=fake_crm.url, CRM_BATCH_SIZE=10, CRM_TIMEOUT=30.0)


@pytest.fixture
def dispatch(app):
    """dispatch(**config overrides): one round (claim, send, record) of a CRM lane built as the CLI builds it."""
    made = []

    def run(**overrides) -> int:
        with app.app_context():
            dispatcher = build_dispatcher({**app.config, **overrides})
            made.append(dispatcher)
            return dispatcher.run_once()

    yield run
    for dispatcher in made:
        dispatcher.close()


@pytest.fixture
def attempts(app):
    """attempts(): {message id: [(status_code, error), ...]} from the attempt log, in order."""

    def read() -> dict[str, list[tuple]]:
        with app.app_context():
            rows = db.session.execute(
                sa.select(DeliveryAttempt.message_id, DeliveryAttempt.status_code, DeliveryAttempt.error).order_by(
                    DeliveryAttempt.id
                )
            ).all()
            db.session.remove()
        found: dict[str, list[tuple]] = {}
        for message_id, status_code, error in rows:
            found.setdefault(message_id, []).append((status_code, error))
        return found

    return read


def by_id(outbox) -> dict[str, dict]:
    return {row["id"]: row for row in outbox()}


def test_a_claim_goes_in_one_request_and_each_message_is_delivered(
    app, add_messages, dispatch, fake_crm, outbox, attempts
):
    ids = add_messages(7)
    assert dispatch() == 7
    [batch] = fake_crm.batches
    assert fake_crm.notifications == []
    rows = by_id(outbox)
    assert batch.json() == {"notifications": [{**rows[i]["payload"], "notification_id": i} for i in ids]}
    assert batch.headers["Authorization"] == "Bearer test-crm-token"
    # The batch's webhook-id is its own; each item is stored under its notification_id.
    assert "Idempotency-Key" not in batch.headers and batch.headers["Webhook-Id"] not in ids
    for message_id in ids:
        row = rows[message_id]
        assert (row["status"], row["attempts"], row["claimed_by"], row["last_error"]) == ("delivered", 1, None, None)
    assert attempts() == {message_id: [(201, None)] for message_id in ids}


def test_each_attempt_row_keeps_its_own_item_s_result(app, add_messages, dispatch, fake_crm):
    [message_id] = add_messages(1)
    dispatch()
    with app.app_context():
        excerpt = db.session.scalar(sa.select(DeliveryAttempt.response_excerpt))
    assert json.loads(excerpt) == {"notification_id": message_id, "status": "stored"}


def test_a_claim_larger_than_a_batch_goes_in_several(add_messages, dispatch, fake_crm, outbox):
    ids = add_messages(25)
    assert dispatch() == 25
    assert sorted(len(batch.json()["notifications"]) for batch in fake_crm.batches) == [5, 10, 10]
    assert sorted(item["notification_id"] for item in fake_crm.batch_items()) == sorted(ids)
    assert {row["status"] for row in outbox()} == {"delivered"}


def test_a_batch_that_partly_fails(add_messages, dispatch, fake_crm, outbox, attempts):
    ids = add_messages(6)
    fake_crm.invalid = {ids[1], ids[4]}
    fake_crm.seen = {ids[2]}  # stored before: its answer was lost, say
    dispatch()
    rows, log = by_id(outbox), attempts()
    for message_id in (ids[1], ids[4]):
        row = rows[message_id]
        assert (row["status"], row["failure_kind"], row["attempts"]) == ("dead", "permanent", 1)
        assert row["last_error"].startswith("CRMItemRejected: CRM answered 400 for this item: scripted")
        assert '"user.email": ["bad"]' in row["last_error"]
        [(status_code, error)] = log[message_id]
        assert status_code == 400 and error.startswith("CRM answered 400")
    for message_id in (ids[0], ids[2], ids[3], ids[5]):
        assert (rows[message_id]["status"], rows[message_id]["attempts"]) == ("delivered", 1)
    assert log[ids[2]] == [(200, None)]  # a duplicate is a delivery
    assert log[ids[0]] == [(201, None)]


def test_a_failed_request_reschedules_its_messages_and_leaves_the_rest_of_the_claim(
    add_messages, dispatch, fake_crm, outbox, attempts
):
    ids = add_messages(25)
    fake_crm.answer(503)
    started = utcnow()
    dispatch()
    ended = utcnow()
    assert len(fake_crm.batches) == 1  # the first request is the probe: nothing more once it failed
    rows, log = by_id(outbox), attempts()
    first, rest = ids[:10], ids[10:]
    for message_id in first:
        row = rows[message_id]
        assert (row["status"], row["attempts"], row["failure_kind"]) == ("pending", 1, "transient")
        assert row["last_error"] == "CRMHTTPError: CRM answered 503"
        assert started + timedelta(seconds=3) < row["next_attempt_at"] <= ended + timedelta(seconds=5)
        assert log[message_id] == [(503, "CRM answered 503")]
    for message_id in rest:
        assert (rows[message_id]["attempts"], rows[message_id]["claimed_by"]) == (0, None)
        assert message_id not in log


def test_quick_retries_repeat_the_whole_batch(add_messages, dispatch, fake_crm, outbox, attempts):
    ids = add_messages(3)
    fake_crm.answer(503, 502)
    dispatch(CRM_QUICK_RETRIES=3)
    assert [len(batch.json()["notifications"]) for batch in fake_crm.batches] == [3, 3, 3]
    assert {row["status"] for row in outbox()} == {"delivered"}
    statuses = {message_id: [code for code, _error in rows] for message_id, rows in attempts().items()}
    assert statuses == {message_id: [503, 502, 201] for message_id in ids}


@pytest.mark.parametrize("status", [401, 403])
def test_refused_credentials_bury_the_batch_as_a_configuration_error(add_messages, dispatch, fake_crm, outbox, status):
    add_messages(4)
    fake_crm.answer(status)
    dispatch()
    rows = outbox()
    assert {(row["status"], row["failure_kind"]) for row in rows} == {("dead", "configuration")}
    assert all("CRM_AUTH_TOKEN" in row["last_error"] for row in rows)


def test_a_2xx_without_results_is_sent_again(add_messages, dispatch, fake_crm, outbox):
    add_messages(2)
    fake_crm.queue(200, body="stored, thanks")
    fake_crm.queue(200, body={"results": []})
    dispatch(CRM_QUICK_RETRIES=3)
    assert len(fake_crm.batches) == 3  # neither answer said what became of each item: the ids make a resend safe
    assert {row["status"] for row in outbox()} == {"delivered"}


def test_results_naming_other_items_are_not_taken_as_delivered(add_messages, dispatch, fake_crm, outbox):
    add_messages(2)
    wrong = [{"notification_id": "someone-else", "status": "stored"}] * 2
    fake_crm.queue(200, body={"results": wrong})
    dispatch()
    assert {(row["status"], row["failure_kind"]) for row in outbox()} == {("pending", "transient")}


def test_a_batch_too_large_for_the_crm_goes_in_halves(add_messages, dispatch, fake_crm, outbox, attempts):
    ids = add_messages(8)
    fake_crm.answer(413)
    dispatch()
    assert [len(batch.json()["notifications"]) for batch in fake_crm.batches] == [8, 4, 4]
    assert {row["status"] for row in outbox()} == {"delivered"}
    assert {message_id: [code for code, _ in rows] for message_id, rows in attempts().items()} == {
        message_id: [413, 201] for message_id in ids
    }


def test_one_notification_too_large_is_dead(add_messages, dispatch, fake_crm, outbox):
    add_messages(1)
    fake_crm.answer(413)
    dispatch()
    [row] = outbox()
    assert (row["status"], row["failure_kind"]) == ("dead", "permanent")


def test_a_crm_without_the_batch_route_gets_one_notification_per_request(app, add_messages, fake_crm, outbox):
    ids = add_messages(3)
    fake_crm.answer(404)
    with app.app_context():
        dispatcher = build_dispatcher(app.config)
        try:
            assert dispatcher.run_once() == 3
            assert dispatcher.batching is False
            later = add_messages(2)
            dispatcher.run_once()
        finally:
            dispatcher.close()
    assert len(fake_crm.batches) == 1
    assert [r.headers["Idempotency-Key"] for r in fake_crm.notifications] == ids + later
    assert {row["status"] for row in outbox()} == {"delivered"}


def test_the_batch_is_signed_over_its_body(make_app, fake_crm, add_messages, outbox):
    app = make_app(CRM_BASE_URL=fake_crm.url, CRM_SIGNING_SECRET=SIGNING_SECRET)
    with app.app_context():
        dispatcher = build_dispatcher(app.config)
        add_messages(3)
        try:
            dispatcher.run_once()
        finally:
            dispatcher.close()
    [batch] = fake_crm.batches
    # The official Standard Webhooks library verifies it, as it would any webhook.
    verified = Webhook(SIGNING_SECRET).verify(batch.body, {k.lower(): v for k, v in batch.headers.items()})
    assert len(verified["notifications"]) == 3


def test_recording_a_batch_takes_the_same_statements_whatever_its_size(make_app, fake_crm, add_messages):
    app = make_app(CRM_BASE_URL=fake_crm.url, CRM_BATCH_SIZE=500, DISPATCH_BATCH_SIZE=500)

    def statements(count: int, *answers: int) -> int:
        fake_crm.answer(*answers)
        with app.app_context():
            with unit_of_work():
                db.session.execute(sa.delete(DeliveryAttempt))
                db.session.execute(sa.delete(OutboxMessage))
            add_messages(count)
            dispatcher = build_dispatcher(app.config)
            try:
                return count_statements(db.engine, dispatcher.run_once)[1]
            finally:
                dispatcher.close()

    assert statements(2) == statements(300)  # delivered
    assert statements(2, 503) == statements(300, 503)  # rescheduled alike: one UPDATE for all of them


def test_delivered_to_the_real_crm_once_each_and_an_invalid_one_dead(make_app, real_crm, add_messages, outbox):
    crm = real_crm()
    app = make_app(CRM_BASE_URL=crm.url)
    ids = add_messages(30)
    bad = add_messages(1, payload={"type": "booking_created", "user_id": "not a number", "message": "bad"})[0]
    with app.app_context():
        dispatcher = build_dispatcher(app.config)
        try:
            dispatcher.run_once()
            # The answers were lost, say: everything goes again, and the CRM stores nothing twice.
            with unit_of_work():
                db.session.execute(sa.update(OutboxMessage).values(status="pending", next_attempt_at=utcnow()))
            dispatcher.run_once()
        finally:
            dispatcher.close()
    stored = crm.stored()
    assert sorted(record["notification_id"] for record in stored) == sorted(ids)
    rows = by_id(outbox)
    assert (rows[bad]["status"], rows[bad]["failure_kind"]) == ("dead", "permanent")
    assert "user_id" in rows[bad]["last_error"]
    assert {rows[i]["status"] for i in ids} == {"delivered"}


def test_a_crm_down_then_up_gets_the_backlog_in_batches(make_app, start_fake_crm, add_messages, outbox):
    crm = start_fake_crm()
    port = crm.port
    crm.stop()  # down: nothing listens
    app = make_app(
        CRM_BASE_URL=f"http://127.0.0.1:{port}", DISPATCH_POLL_INTERVAL=0.05, DISPATCH_MAX_PROBE_INTERVAL=0.1
    )
    ids = add_messages(40)
    with app.app_context():
        dispatcher = build_dispatcher(app.config)
        dispatcher.run_once()
        assert dispatcher.down and dispatcher.unreachable
        crm = start_fake_crm(port)
        runner = threading.Thread(target=lambda: _run(app, dispatcher))
        runner.start()
        try:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and {r["status"] for r in outbox()} != {"delivered"}:
                time.sleep(0.05)
        finally:
            dispatcher.request_stop()
            runner.join(10)
            dispatcher.close()
    assert {row["status"] for row in outbox()} == {"delivered"}
    assert sorted(item["notification_id"] for item in crm.batch_items()) == sorted(ids)


def _run(app, dispatcher) -> None:
    with app.app_context():
        dispatcher.run()
