"""The payments lane's typed jobs: each kind is written as its row by queue(job) and read back as the same job; the
lane's kind table sends every kind and hands each its outcome; a row of a kind nobody handles, or one its kind cannot
read, is dead with its error while the next message is still sent."""

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from main_app.database import unit_of_work
from main_app.delivery import Claimed
from main_app.delivery.outbox import insert_rows, outbox_row
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import CHANNEL_PAYMENTS, DeliveryAttempt, OutboxMessage, utcnow
from main_app.services.payments import PaymentsDelivery
from main_app.services.payments.jobs import (
    Capture,
    CloseCheckout,
    EndSubscription,
    PaymentJob,
    RefundRequest,
    RenewalCharge,
    queue,
)
from main_app.services.payments.kinds import KINDS, Sent

pytestmark = pytest.mark.both_databases

PERIOD_END = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)
TAX = {"rate": 1800, "amount": 18_000}
# One job of each kind with the payload its row holds, keys in the order they are written.
SAMPLES = [
    (
        Capture(payment_id="pay_1", provider="test", account=7, amount=4500, currency="INR", booking_id=42),
        {"capture": "pay_1", "provider": "test", "account": 7, "amount": 4500, "currency": "INR"},
    ),
    (
        RefundRequest(payment=3, provider="test", payment_id="pay_3", amount=900, currency="INR", booking_id=42),
        {"payment": 3, "provider": "test", "account": None, "payment_id": "pay_3", "amount": 900, "currency": "INR"},
    ),
    (
        RefundRequest(payment=3, provider="test", payment_id="pay_3", amount=300, currency="INR", guest=11),
        {"payment": 3, "provider": "test", "account": None, "payment_id": "pay_3", "amount": 300, "currency": "INR"}
        | {"guest": 11},
    ),
    (
        RefundRequest(payment=3, provider="test", payment_id="pay_3", amount=200, currency="INR", staff_refund=5),
        {"payment": 3, "provider": "test", "account": None, "payment_id": "pay_3", "amount": 200, "currency": "INR"}
        | {"staff_refund": 5},
    ),
    (
        CloseCheckout(reference="chk_1", provider="stripe", account=None, booking_id=42),
        {"close_checkout": "chk_1", "provider": "stripe", "account": None},
    ),
    (
        EndSubscription(subscription_id="sub_1", provider="razorpay", account=4, at_period_end=True),
        {"end_subscription": "sub_1", "provider": "razorpay", "account": 4, "at_period_end": True},
    ),
    (
        RenewalCharge(
            pass_id=9, period_end=PERIOD_END, amount=118_000, tax=TAX, currency="INR", provider="test", payment_id="p"
        ),
        {
            "renew_pass": 9,
            "period_end": PERIOD_END.isoformat(),
            "amount": 118_000,
            "tax": TAX,
            "currency": "INR",
            "provider": "test",
            "payment_id": "p",
        },
    ),
]
IDS = [f"{job.kind}-{number}" for number, (job, _payload) in enumerate(SAMPLES)]


def _every_job_class(base: type = PaymentJob) -> set[type]:
    found = set()
    for cls in base.__subclasses__():
        found |= {cls} | _every_job_class(cls)
    return found


def test_the_samples_cover_every_kind():
    assert {type(job) for job, _payload in SAMPLES} == _every_job_class()


@pytest.mark.parametrize(("job", "payload"), SAMPLES, ids=IDS)
def test_each_kind_is_written_as_its_row_and_read_back_as_its_job(app, job, payload):
    assert list(job.payload().items()) == list(payload.items())
    with app.app_context():
        with unit_of_work():
            queue(job)
        row = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.type == job.kind)).one()
        assert (row.channel, row.type, row.payload, row.booking_id, row.status, row.attempts) == (
            CHANNEL_PAYMENTS,
            job.kind,
            payload,
            job.booking_id,
            "pending",
            0,
        )
        if job.due() is not None:
            assert row.next_attempt_at == job.due()
        assert job.row_id() is None or row.id == job.row_id()
        assert KINDS[row.type].job.from_payload(row.payload) == job


def test_a_row_older_than_studio_accounts_goes_through_the_installs_keys():
    older = {"payment": 3, "provider": "test", "payment_id": "pay_3", "amount": 900, "currency": "INR"}
    assert RefundRequest.from_payload(older).account is None
    assert CloseCheckout.from_payload({"close_checkout": "chk_1", "provider": "test"}).account is None


def test_a_renewal_is_one_row_per_pass_and_period_due_at_its_end():
    [(renewal, _payload)] = [(job, payload) for job, payload in SAMPLES if isinstance(job, RenewalCharge)]
    assert renewal.row_id() == RenewalCharge.row_id_of(9, PERIOD_END)
    assert renewal.row_id() != RenewalCharge.row_id_of(9, PERIOD_END + timedelta(days=30))
    assert renewal.due() == PERIOD_END


def test_the_kind_table_has_every_kind_and_nothing_else():
    assert set(KINDS) == {"capture", "refund", "close_checkout", "subscription_end", "pass_renewal"}
    assert {kind: entry.job for kind, entry in KINDS.items()} == {cls.KIND: cls for cls in _every_job_class()}


def _recording_table(seen: list) -> dict:
    """The kind table with each kind's send, sent and dead recording what it was given."""

    def recorder(step: str):
        def record(job, *rest):
            seen.append((step, job, rest[-1] if step != "send" else None))
            return Sent(f"{job.kind} result", f"{job.kind} sent") if step == "send" else None

        return record

    return {
        kind: dataclasses.replace(entry, send=recorder("send"), sent=recorder("sent"), dead=recorder("dead"))
        for kind, entry in KINDS.items()
    }


@pytest.mark.parametrize(("job", "payload"), SAMPLES, ids=IDS)
def test_the_lane_hands_each_kind_its_typed_job(app, job, payload):
    seen, attempts = [], []
    lane = PaymentsDelivery(app.config, kinds=_recording_table(seen))
    message = Claimed(id="m1", type=job.kind, payload=payload, attempts=0)
    result = lane.hand_over(message, attempts.append)
    lane.after_delivery(message, result)
    lane.after_dead(message, "refused")
    assert seen == [("send", job, None), ("sent", job, f"{job.kind} result"), ("dead", job, "refused")]
    assert [attempt.response_excerpt for attempt in attempts] == [f"{job.kind} sent"]


def _due(app, kind: str, payload: dict, age: timedelta) -> str:
    row = outbox_row(CHANNEL_PAYMENTS, kind, payload)
    row["created_at"] = row["next_attempt_at"] = utcnow() - age
    with app.app_context(), unit_of_work():
        insert_rows([row])
    return row["id"]


def _state(app, message_id: str) -> tuple:
    with app.app_context():
        status, attempts, error = db.session.execute(
            sa.select(OutboxMessage.status, OutboxMessage.attempts, OutboxMessage.last_error).where(
                OutboxMessage.id == message_id
            )
        ).one()
        excerpts = db.session.scalars(
            sa.select(DeliveryAttempt.response_excerpt).where(DeliveryAttempt.message_id == message_id)
        ).all()
    return status, attempts, error, excerpts


def test_an_unknown_kind_and_a_malformed_payload_are_dead_while_the_next_message_is_sent(app):
    unknown = _due(app, "moon_phase", {"payment": 1}, timedelta(minutes=3))
    malformed = _due(app, "capture", {"capture": "pay_1", "provider": "test"}, timedelta(minutes=2))
    close = _due(app, "close_checkout", {"close_checkout": "chk_1", "provider": "test", "account": None}, timedelta(0))
    with app.app_context():
        lane = build_dispatcher(app.config, channel=CHANNEL_PAYMENTS)
        try:
            while lane.run_once():
                pass
        finally:
            lane.close()
    status, attempts, error, _excerpts = _state(app, unknown)
    assert (status, attempts) == ("dead", 1)
    assert "not a payment message" in error and "'moon_phase'" in error
    status, attempts, error, _excerpts = _state(app, malformed)
    assert (status, attempts) == ("dead", 1)
    assert "a capture message without 'amount'" in error
    assert _state(app, close) == ("delivered", 1, None, ["closed"])
