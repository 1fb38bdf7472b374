"""One bad message never stops a lane, and a lane never stops the dispatcher: a message that cannot be composed or
sent is dead with its error while the next one goes; a round that fails as a whole is logged and the lane goes on."""

import logging
import threading
from datetime import UTC, datetime, timedelta

import probes
import pytest
import sqlalchemy as sa

from main_app.database import unit_of_work
from main_app.delivery.outbox import insert_rows, outbox_row
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import (
    CHANNEL_CRM,
    CHANNEL_EMAIL,
    CHANNEL_PAYMENTS,
    CHANNEL_SMS,
    DeliveryAttempt,
    OutboxMessage,
    utcnow,
)

pytestmark = pytest.mark.both_databases

# What the tester wrote straight to the database: the last evening of the calendar, already next year in UTC+14.
LAST_EVENING = datetime(9999, 12, 31, 20, 0, tzinfo=UTC)


@pytest.fixture
def app(make_app, smtp_server, fake_crm):
    """Mail to the test's SMTP server, notifications to the fake CRM; one quick try, short leases."""
    return make_app(
        MAIL_URL=smtp_server.url,
        MAIL_QUICK_RETRIES=1,
        MAIL_RETRY_SCHEDULE=[0.0, 0.0, 0.0],
        CRM_BASE_URL=fake_crm.url,
        DISPATCH_LEASE_SECONDS=1.0,
    )


@pytest.fixture
def running(app):
    """running(channel): that lane's run() on its own thread, as crm-dispatch runs it; stopped after the test."""
    started = []

    def start(channel: str):
        with app.app_context():
            lane = build_dispatcher(app.config, channel=channel)

        def run():
            with app.app_context():
                lane.run()

        thread = threading.Thread(target=run, name=f"{channel}-lane")
        thread.start()
        started.append((lane, thread))
        return thread

    yield start
    for lane, thread in started:
        lane.request_stop()
        thread.join(10)
        lane.close()


def wait_until(predicate, timeout: float = 30.0) -> bool:
    return probes.wait_until(predicate, timeout)


def add_row(app, channel: str, kind: str, payload, *, age: timedelta) -> str:
    """A due outbox row written directly, created age ago (so claimed before rows written later)."""
    row = outbox_row(channel, kind, payload)
    row["created_at"] = row["next_attempt_at"] = utcnow() - age
    with app.app_context(), unit_of_work():
        insert_rows([row])
    return row["id"]


def attempt_errors(app, message_id: str) -> list[str | None]:
    with app.app_context():
        return list(
            db.session.scalars(
                sa.select(DeliveryAttempt.error)
                .where(DeliveryAttempt.message_id == message_id)
                .order_by(DeliveryAttempt.id)
            )
        )


def row_of(rows: list[dict], **match) -> dict:
    return next(row for row in rows if all(row[k] == v for k, v in match.items()))


def test_a_booking_on_the_last_day_of_the_calendar_is_dead_and_the_next_email_goes(
    app, make_event, make_session, user_client, smtp_server, email_outbox, running
):
    far = make_event(at=LAST_EVENING, timezone="Pacific/Kiritimati", title="Far Away")
    assert user_client.post("/book", json={"session_id": far.session_ids[0]}).status_code == 201
    near = make_session(timezone="Pacific/Kiritimati", title="Near By", starts_in=3 * timedelta(days=1))
    assert user_client.post("/book", json={"session_id": near.id}).status_code == 201
    lane = running(CHANNEL_EMAIL)
    [mail] = smtp_server.wait_for(1)
    assert mail["Subject"].startswith("Booked: Near By")
    assert wait_until(lambda: {r["status"] for r in email_outbox() if r["type"] == "booking_confirmed"} >= {"dead"})
    dead = row_of(email_outbox(), type="booking_confirmed", status="dead")
    assert dead["failure_kind"] == "permanent" and "booking_confirmed" in dead["last_error"]
    [logged] = attempt_errors(app, dead["id"])  # the attempt log says what the row says
    assert dead["attempts"] == 1 and dead["last_error"].endswith(logged)
    assert lane.is_alive()


def test_an_email_the_lane_cannot_even_read_is_dead_and_the_lane_goes_on(
    app, make_session, user_client, smtp_server, email_outbox, running
):
    broken = add_row(app, CHANNEL_EMAIL, "booking_confirmed", {"kind": "booking_confirmed"}, age=timedelta(minutes=1))
    lane = running(CHANNEL_EMAIL)
    assert (
        user_client.post(
            "/book", json={"session_id": make_session(title="Near By", starts_in=3 * timedelta(days=1)).id}
        ).status_code
        == 201
    )
    [mail] = smtp_server.wait_for(1)
    assert mail["Subject"].startswith("Booked: Near By")
    assert wait_until(lambda: row_of(email_outbox(), id=broken)["status"] == "dead")
    row = row_of(email_outbox(), id=broken)
    assert "KeyError" in row["last_error"] and "snapshot" in row["last_error"]
    [logged] = attempt_errors(app, broken)
    assert row["attempts"] == 1 and row["last_error"].endswith(logged)
    assert lane.is_alive()


@pytest.mark.parametrize(
    "payload",
    [
        {"kind": "reminder_2h"},
        {"kind": "reminder_2h", "snapshot": {"to": "+919812345678", "booking": {"id": [1]}}},
        {"kind": "reminder_2h", "snapshot": {"to": {"user_id": "7", "phone": None}}},
        ["not", "a", "mapping"],
    ],
    ids=["no snapshot", "to not a mapping", "user id not a number", "a list"],
)
def test_a_text_the_lane_cannot_read_is_dead_and_the_next_text_goes(
    app, make_session, user_client, running, payload, verify_phone
):
    broken = add_row(app, CHANNEL_SMS, "reminder_2h", payload, age=timedelta(minutes=1))
    verify_phone(user_client)  # texts go only to a proved number
    session = make_session(title="Near By", starts_in=3 * timedelta(days=1))
    assert user_client.post("/book", json={"session_id": session.id}).status_code == 201
    with app.app_context(), unit_of_work():
        db.session.execute(
            sa.update(OutboxMessage)
            .where(OutboxMessage.channel == CHANNEL_SMS, OutboxMessage.id != broken)
            .values(next_attempt_at=utcnow())
        )
    lane = running(CHANNEL_SMS)

    def statuses():
        with app.app_context():
            return dict(
                db.session.execute(
                    sa.select(OutboxMessage.id, OutboxMessage.status).where(OutboxMessage.channel == CHANNEL_SMS)
                ).all()
            )

    assert wait_until(lambda: set(statuses().values()) == {"dead", "delivered"}), statuses()
    assert statuses()[broken] == "dead"
    assert lane.is_alive()


def test_a_notification_a_batch_cannot_hold_goes_alone_and_the_rest_are_delivered(
    app, add_messages, fake_crm, outbox, running
):
    odd = add_row(app, CHANNEL_CRM, "booking_created", ["not", "an", "object"], age=timedelta(minutes=5))
    ids = add_messages(2)
    lane = running(CHANNEL_CRM)
    assert wait_until(lambda: [row_of(outbox(), id=i)["status"] for i in ids] == ["delivered", "delivered"])
    assert wait_until(lambda: row_of(outbox(), id=odd)["status"] != "pending")  # what the CRM made of it alone
    assert lane.is_alive()


def test_a_round_that_fails_as_a_whole_is_logged_and_the_lane_delivers_once_it_can(
    app, add_messages, fake_crm, outbox, running, caplog
):
    """The attempt log cannot be written for a while (its table gone): nothing is recorded, the lane lives on, and
    the messages it held come back when their lease runs out."""
    with app.app_context(), unit_of_work():
        db.session.execute(sa.text("ALTER TABLE delivery_attempts RENAME TO delivery_attempts_away"))
    [message_id] = add_messages(1)
    with caplog.at_level(logging.ERROR, logger="main_app.delivery.dispatcher"):
        lane = running(CHANNEL_CRM)
        assert wait_until(lambda: len(fake_crm.deliveries) >= 2)  # tried, not recorded, tried again
        assert lane.is_alive() and row_of(outbox(), id=message_id)["status"] == "pending"
        with app.app_context(), unit_of_work():
            db.session.execute(sa.text("ALTER TABLE delivery_attempts_away RENAME TO delivery_attempts"))
        assert wait_until(lambda: row_of(outbox(), id=message_id)["status"] == "delivered")
    assert lane.is_alive()
    assert any("crm lane" in record.getMessage() for record in caplog.records)


def test_a_payments_message_whose_outcome_cannot_be_applied_is_dead_not_back_with_every_lease(app):
    """A refund naming no payment of ours: sending it fails, and so does what the payments lane does with a dead
    refund (it finds no payment). Its failure is written without that, so it is dead once, not retried forever."""
    broken = add_row(app, CHANNEL_PAYMENTS, "refund", {"payment": 10**9}, age=timedelta(minutes=1))
    with app.app_context():
        lane = build_dispatcher(app.config, channel=CHANNEL_PAYMENTS)
        try:
            assert lane.run_once() == 1
            status, attempts = db.session.execute(
                sa.select(OutboxMessage.status, OutboxMessage.attempts).where(OutboxMessage.id == broken)
            ).one()
        finally:
            lane.close()
    assert (status, attempts) == ("dead", 1)
