"""What the main API sends: its outbox rows read, added and drained by lane, texted codes, a real SMTP inbox."""

from datetime import timedelta

import pytest
from smtp_inbox import Inbox
from sqlalchemy import select

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import OutboxMessage, utcnow
from main_app.services.crm.messages import enqueue
from main_app.services.texts.codes import code_for


def _read_outbox(app, channel: str) -> list[dict]:
    with app.app_context():
        rows = db.session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.channel == channel)
            # Rows of one transaction may share created_at: then when they are due (a confirmation, then reminders).
            .order_by(OutboxMessage.created_at, OutboxMessage.next_attempt_at, OutboxMessage.id)
        )
        return [{c.name: getattr(row, c.name) for c in OutboxMessage.__table__.columns} for row in rows]


@pytest.fixture
def outbox(app):
    """Reader: every CRM outbox message as a dict, oldest first."""
    return lambda: _read_outbox(app, "crm")


@pytest.fixture
def email_outbox(app):
    """Reader: every email outbox message as a dict, oldest first."""
    return lambda: _read_outbox(app, "email")


@pytest.fixture
def texted_code(app):
    """Factory: texted_code() → the code of the newest code text in the outbox, as the SMS lane would text it; that
    text is removed, so a test counting texts sees only its own."""

    def read() -> str:
        with app.app_context(), unit_of_work():
            message = db.session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.type == "phone_code")
                .order_by(OutboxMessage.created_at.desc())
            ).first()
            verification = message.payload["snapshot"]["verification"]
            db.session.delete(message)
            return code_for(app.config["SECRET_KEY"], verification["id"], verification["nonce"])

    return read


@pytest.fixture
def verify_phone(app, texted_code):
    """Factory: verify_phone(client, phone) gives the client's account phone with texts on (unless sms_enabled=False)
    and proves it the way a person does: asks for a code (POST /auth/me/phone/code), types back the code texted
    (POST /auth/me/phone/verify). Texts go only to a proved number. Returns the account."""

    def verify(client, phone: str | None = "+919812345678", *, sms_enabled: bool = True) -> dict:
        if phone is not None:
            response = client.patch("/auth/me", json={"phone": phone, "sms_enabled": sms_enabled})
            assert response.status_code == 200, response.get_json()
        sent = client.post("/auth/me/phone/code")
        assert sent.status_code == 202, sent.get_json()
        proved = client.post("/auth/me/phone/verify", json={"code": texted_code()})
        assert proved.status_code == 200 and proved.get_json()["phone_verified"], proved.get_json()
        return proved.get_json()

    return verify


@pytest.fixture
def drainer(app):
    """Factory: drainer(channel) → drain(), which delivers everything due on that channel's lane, built as
    crm-dispatch builds it, until nothing is due or the lane is down."""
    lanes = []

    def make(channel: str):
        with app.app_context():
            lanes.append(lane := build_dispatcher(app.config, channel=channel))

        def drain() -> None:
            with app.app_context():
                while lane.run_once() and not lane.down:
                    pass

        return drain

    yield make
    for lane in lanes:
        lane.close()


@pytest.fixture
def add_messages(app):
    """add_messages(n, **columns): n due outbox messages, 1 ms apart, oldest first; returns their ids."""

    def add(count: int = 1, **columns) -> list[str]:
        base = utcnow() - timedelta(minutes=1)
        with app.app_context():
            messages = []
            with unit_of_work():
                for i in range(count):
                    payload = {"user_id": 1, "booking_id": i + 1, "message": f"booking {i + 1}"}
                    message = enqueue("booking_created", payload)
                    message.created_at = message.next_attempt_at = base + timedelta(milliseconds=i)
                    for name, value in columns.items():
                        setattr(message, name, value)
                    messages.append(message)
            return [m.id for m in messages]

    return add


@pytest.fixture
def payments_lane(app):
    """The dispatcher's timers and payments lanes (hold ends, then the refunds and closes they queue); drain()
    delivers everything due on both."""
    with app.app_context():
        lanes = [build_dispatcher(app.config, channel=channel) for channel in ("timers", "payments")]

    def drain() -> None:
        with app.app_context():
            while sum([lane.run_once() for lane in lanes]):
                pass

    yield drain
    for lane in lanes:
        lane.close()


@pytest.fixture
def smtp_server():
    """A real SMTP server in this process on a free port (tests/smtp_inbox.py); stopped after the test."""
    inbox = Inbox().start()
    yield inbox
    inbox.stop()


@pytest.fixture(scope="session")
def shared_smtp_server():
    """One SMTP server for this test process, for tests that share a stack and read only the mail addressed to
    their own accounts (Inbox.addressed_to); up for the whole run, as the shared stacks are."""
    inbox = Inbox().start()
    yield inbox
    inbox.stop()
