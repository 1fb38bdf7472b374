"""Fixtures of the main API tests: an app on a freshly migrated database, clients, factories, a fake CRM."""

import itertools
import secrets
import socket
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache

import pytest
from db_templates import detach_crm_log_handlers, migrate_schema
from main_fake_crm import FakeCRM, ServedApp
from main_fake_stripe import FakeStripe
from money_check import money_disagreements
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from crm_microservice import create_app as create_crm_app
from crm_microservice.extensions import db as crm_db
from crm_microservice.models import Notification
from main_app import create_app
from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import (
    BOOKING_ACTIVE,
    CANCELLED_BY_PERSON,
    PASS_PACK,
    ROLE_ADMIN,
    ROLE_FACILITATOR,
    ROLE_USER,
    SEAT_HOLDING,
    STATUS_CANCELLED,
    STATUS_SCHEDULED,
    Booking,
    Checkin,
    Event,
    EventSession,
    OutboxMessage,
    Pass,
    PassLedgerEntry,
    SessionOption,
    User,
    WaitlistEntry,
    utcnow,
)
from main_app.security import issue_token
from main_app.services.crm.client import CRMNotificationService
from main_app.services.crm.messages import enqueue
from main_app.services.texts.codes import code_for

PASSWORD = "correct-horse-9"
CRM_TOKEN = "test-crm-token"


@cache
def password_hash(password: str) -> str:
    """Hash each test password once per run; scrypt costs ~80 ms a time."""
    return generate_password_hash(password)


def closed_port() -> int:
    """A loopback port nothing listens on right now (connections to it are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def production_settings() -> dict:
    """APP_ENV=production with fresh random secrets, which production asks for, served by this one process (so
    production takes its rate-limit counts in memory)."""
    names = ("SECRET_KEY", "JWT_SECRET_KEY", "CRM_AUTH_TOKEN")
    return {"APP_ENV": "production", "SINGLE_WORKER": True, **{name: secrets.token_urlsafe(48) for name in names}}


@pytest.fixture
def run_migrations():
    """migrate_schema as a fixture: run_migrations(app, flask_migrate.downgrade, None, "base")."""
    return migrate_schema


def _assert_error(response, status: int, code: str, *fields: str) -> dict:
    """The response is our error shape with this status and code, naming fields in details and message."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.is_json, response.get_data(as_text=True)
    error = response.get_json()["error"]
    assert set(error) == {"code", "message", "details"}
    assert error["code"] == code, error
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["details"], dict)
    for name in fields:
        assert name in error["details"], error
        assert name in error["message"], error
    return error


@pytest.fixture
def assert_error():
    """Checker: assert_error(response, 409, "session_full", *fields) returns the error body."""
    return _assert_error


# -- the app and its clients -------------------------------------------------------------------------


@pytest.fixture
def make_app(db_backend, make_database_url, tmp_path):
    """Factory: an app on the test's database, with test settings plus overrides. Every app of a test shares one
    database, made by the first call: a copy of the run's migrated template, or empty if that call says
    migrate=False (a later migrate=True then runs the migrations on it)."""
    apps = []
    database = {}  # "url", and "migrated" once its schema is at the head revision

    def make(migrate: bool = True, **overrides):
        if not database:
            database["url"] = make_database_url(db_backend, template="main" if migrate else None)
            database["migrated"] = migrate
        config = {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database["url"],
            # Nothing listens there: a test that forgets its fake CRM fails fast instead of reaching a real one.
            "CRM_BASE_URL": f"http://127.0.0.1:{closed_port()}",
            "CRM_AUTH_TOKEN": CRM_TOKEN,
            "CRM_TIMEOUT": 2.0,
            "CRM_HEALTH_TIMEOUT": 1.0,
            "CRM_QUICK_RETRIES": 1,
            "CRM_RETRY_SCHEDULE": [5.0, 30.0, 120.0],
            "DISPATCH_POLL_INTERVAL": 0.05,
            "DISPATCH_MAX_PROBE_INTERVAL": 0.2,
            # Emails without a MAIL_URL are files here, never in the project's instance/mail.
            "MAIL_FOLDER": str(tmp_path / "mail"),
            "SMS_FOLDER": str(tmp_path / "sms"),
        }
        config.update(overrides)
        app = create_app(config)
        apps.append(app)
        if migrate and not database["migrated"]:
            migrate_schema(app)
            database["migrated"] = True
        return app

    yield make
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    """The main API on a fresh database whose schema comes from the migrations (a copy of the run's template)."""
    return make_app()


@pytest.fixture
def client(app):
    """An anonymous test client."""
    return app.test_client()


# -- accounts ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Account:
    """A user row's plain values, usable outside the app context."""

    id: int
    name: str
    email: str
    username: str | None
    role: str
    password: str = PASSWORD


@pytest.fixture
def make_user(app):
    """Factory: an account created directly in the database."""
    numbers = itertools.count(1)

    def make(
        *,
        role: str = ROLE_USER,
        name: str | None = None,
        email: str | None = None,
        username: str | None = None,
        password: str = PASSWORD,
    ) -> Account:
        n = next(numbers)
        with app.app_context():
            user = User(
                name=name or f"Test {role.title()} {n}",
                email=email or f"{role}{n}@example.com",
                username=username,
                role=role,
                password_hash=password_hash(password),
            )
            with unit_of_work():
                db.session.add(user)
            return Account(user.id, user.name, user.email, user.username, user.role, password)

    return make


@pytest.fixture
def token_for(app):
    """Factory: a real access token for an account, as /auth/login would issue it."""

    def make(account: Account) -> str:
        with app.app_context():
            return issue_token(db.session.get(User, account.id))

    return make


@pytest.fixture
def client_for(app, token_for):
    """Factory: a test client sending the account's token on every request."""

    def make(account: Account):
        client = app.test_client()
        client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token_for(account)}"
        return client

    return make


@pytest.fixture
def user(make_user) -> Account:
    """A registered user (role user)."""
    return make_user(name="Asha Rao", email="asha@example.com", username="asha")


@pytest.fixture
def user_client(client_for, user):
    """A client authenticated as user."""
    return client_for(user)


@pytest.fixture
def facilitator(make_user) -> Account:
    """A facilitator account."""
    return make_user(role=ROLE_FACILITATOR, name="Dr. Test Facilitator", email="fac@example.com", username="fac")


@pytest.fixture
def facilitator_client(client_for, facilitator):
    """A client authenticated as facilitator."""
    return client_for(facilitator)


@pytest.fixture
def people(make_user, client_for):
    """people(n) -> n (account, client) pairs of new users."""

    def make(n: int):
        return [(account, client_for(account)) for account in (make_user(name=f"Guest {i}") for i in range(n))]

    return make


@pytest.fixture
def priya(make_user) -> Account:
    """The facilitator who owns the events in the facilitator API tests."""
    return make_user(role=ROLE_FACILITATOR, name="Dr. Priya Sharma", email="priya@example.com", username="priya")


@pytest.fixture
def priya_client(client_for, priya):
    """A client authenticated as priya."""
    return client_for(priya)


@pytest.fixture
def admin(make_user) -> Account:
    """An operator (role admin): delivery status and retries."""
    return make_user(role=ROLE_ADMIN, name="Ops Admin", email="ops@example.com", username="ops")


@pytest.fixture
def admin_client(client_for, admin):
    """A client authenticated as admin."""
    return client_for(admin)


@pytest.fixture
def arjun(make_user) -> Account:
    """Another facilitator, who must not reach priya's events."""
    return make_user(role=ROLE_FACILITATOR, name="Arjun Patel", email="arjun@example.com", username="arjun")


@pytest.fixture
def arjun_client(client_for, arjun):
    """A client authenticated as arjun."""
    return client_for(arjun)


# -- catalogue --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventRef:
    """Ids of an event made by make_event."""

    id: int
    facilitator_id: int
    session_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class SessionRef:
    """Ids of a session made by make_session."""

    id: int
    event_id: int
    facilitator_id: int


@pytest.fixture
def make_event(app, facilitator):
    """Factory: an event with sessions, written through the models."""

    def make(
        *,
        title: str = "Morning Flow",
        kind: str = "session",
        facilitator_id: int | None = None,
        status: str = STATUS_SCHEDULED,
        starts_in: timedelta = timedelta(days=1),
        sessions: int = 1,
        every: timedelta = timedelta(days=7),
        duration: timedelta = timedelta(hours=1),
        capacity: int = 5,
        seats_taken: int = 0,
        session_status: str = STATUS_SCHEDULED,
        location: str = "Studio 1",
        timezone: str = "UTC",
        at: datetime | None = None,
        price: int = 0,
        currency: str = "INR",
        refund_until_hours: int = 24,
    ) -> EventRef:
        # Whole seconds: the database and JSON round-trip them exactly. `at` pins the first start instead.
        first = at or utcnow().replace(microsecond=0) + starts_in
        rows = [
            EventSession(
                starts_at=first + i * every,
                ends_at=first + i * every + duration,
                capacity=capacity,
                seats_taken=seats_taken,
                status=session_status,
                price=price,
                currency=currency,
            )
            for i in range(sessions)
        ]
        with app.app_context():
            event = Event(
                title=title,
                kind=kind,
                location=location,
                timezone=timezone,
                description=f"About {title}",
                facilitator_id=facilitator_id or facilitator.id,
                status=status,
                starts_at=rows[0].starts_at,
                ends_at=rows[-1].ends_at,
                sessions=rows,
                refund_until_hours=refund_until_hours,
            )
            with unit_of_work():
                db.session.add(event)
            return EventRef(event.id, event.facilitator_id, [s.id for s in rows])

    return make


@pytest.fixture
def make_session(make_event):
    """Factory: one bookable session (its own event), e.g. make_session(capacity=1, starts_in=-timedelta(hours=1))."""

    def make(*, capacity: int = 5, starts_in: timedelta = timedelta(days=1), **kwargs) -> SessionRef:
        event = make_event(capacity=capacity, starts_in=starts_in, **kwargs)
        return SessionRef(event.session_ids[0], event.id, event.facilitator_id)

    return make


@pytest.fixture
def seats(app):
    """Reader: (capacity, seats_taken) of a session straight from the database."""

    def read(session_id: int) -> tuple[int, int]:
        with app.app_context():
            session = db.session.get(EventSession, session_id)
            return session.capacity, session.seats_taken

    return read


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
def db_rows(app):
    """Reader: every row of every table, by table name, for "the database did not change" checks."""

    def read() -> dict[str, list[tuple]]:
        with app.app_context():
            return {
                table.name: [
                    tuple(row) for row in db.session.execute(select(table).order_by(*table.primary_key.columns))
                ]
                for table in db.metadata.sorted_tables
            }

    return read


# -- a fake CRM at the network edge ---------------------------------------------------------------


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
def fake_crm():
    """A running FakeCRM, stopped after the test."""
    server = FakeCRM()
    yield server
    server.stop()


@pytest.fixture
def dead_crm_url():
    """A CRM address where nothing listens: connections are refused."""
    return f"http://127.0.0.1:{closed_port()}"


@pytest.fixture
def start_fake_crm():
    """Factory: start a FakeCRM on a given port (e.g. one that was down a moment ago)."""
    servers = []

    def start(port: int = 0) -> FakeCRM:
        server = FakeCRM(port)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@dataclass
class RealCRM:
    """The real CRM app served on a loopback port, on its own fresh database (a copy of the migrated template)."""

    app: object
    url: str

    def stored(self) -> list[dict]:
        """Every notification the CRM stored, oldest first, as its store records."""
        with self.app.app_context():
            rows = crm_db.session.scalars(select(Notification).order_by(Notification.id))
            return [row.to_record() for row in rows]


@pytest.fixture
def real_crm(db_backend, make_database_url, tmp_path):
    """Factory: start the real CRM (crm_microservice.create_app) with this token and signing secret."""
    started = []

    def start(*, signing_secret: str = "", auth_token: str = CRM_TOKEN) -> RealCRM:
        n = len(started)
        crm_app = create_crm_app(
            {
                "TESTING": True,
                "APP_ENV": "development",
                "CRM_AUTH_TOKEN": auth_token,
                "JWT_SECRET_KEY": "test-jwt-secret",
                "CRM_STORAGE": "sqlite",
                "CRM_DATABASE_URL": make_database_url(db_backend, f"crm{n}", template="crm"),
                "CRM_LOG_FILE": str(tmp_path / f"crm{n}.log"),
                "NOTIFICATION_LOG_FILE": str(tmp_path / f"notifications{n}.json"),
                "CRM_SIGNING_SECRET": signing_secret,
            }
        )
        server = ServedApp(crm_app)
        started.append((crm_app, server))
        return RealCRM(crm_app, server.url)

    yield start
    for crm_app, server in started:
        server.stop()
        with crm_app.app_context():
            crm_db.session.remove()
            crm_db.engine.dispose()
    detach_crm_log_handlers()  # its file handlers write into this test's tmp_path


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
def make_crm():
    """Factory: a CRMNotificationService, closed after the test."""
    clients = []

    def make(*args, **kwargs) -> CRMNotificationService:
        client = CRMNotificationService(*args, **kwargs)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def stripe_api():
    """A fake Stripe API on 127.0.0.1 (point STRIPE_API_BASE at its url)."""
    fake = FakeStripe()
    yield fake
    fake.close()


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


@pytest.fixture(autouse=True)
def option_seats_agree(request):
    """After each test with a database: every room option of a session not cancelled holds exactly the seats of its
    bookings (active or pending payment) and of the offers made to its line, never above its capacity."""
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")  # asked before the test: torn down after this check
    yield
    with app.app_context():
        held = (
            select(func.coalesce(func.sum(Booking.seats), 0))
            .where(Booking.option_id == SessionOption.id, Booking.status.in_(SEAT_HOLDING))
            .scalar_subquery()
        )
        offered = (
            select(func.coalesce(func.sum(WaitlistEntry.seats), 0))
            .where(WaitlistEntry.option_id == SessionOption.id, WaitlistEntry.offered_at.is_not(None))
            .scalar_subquery()
        )
        rows = db.session.execute(
            select(SessionOption.id, SessionOption.seats_taken, SessionOption.capacity, held, offered)
            .join(EventSession, EventSession.id == SessionOption.session_id)
            .where(EventSession.status != STATUS_CANCELLED)
        ).all()
        db.session.rollback()
    assert all(taken == bookings + offers <= capacity for _id, taken, capacity, bookings, offers in rows), rows


@pytest.fixture(autouse=True)
def money_adds_up(request):
    """After each test with a database: for every booking under a payment plan, the money received less the refunds
    asked equals what its schedule says was paid and kept."""
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")  # asked before the test: torn down after this check
    yield
    assert money_disagreements(app) == []


@pytest.fixture(autouse=True)
def ledger_agrees(request):
    """After each test with a database: every pack's balance is the sum of its ledger, and none is below zero."""
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")  # asked before the test: torn down after this check
    yield
    with app.app_context():
        summed = (
            select(func.coalesce(func.sum(PassLedgerEntry.credits), 0))
            .where(PassLedgerEntry.pass_id == Pass.id)
            .scalar_subquery()
        )
        rows = db.session.execute(
            select(Pass.id, Pass.credits_left, summed).where(Pass.kind == PASS_PACK, Pass.credits_left.is_not(None))
        ).all()
        db.session.rollback()
    assert all(left == total and left >= 0 for _id, left, total in rows), rows


@pytest.fixture(autouse=True)
def checked_in_stays_booked(request):
    """After each test with a database: no seat checked in belongs to a booking its person cancelled (the check-in and
    the cancellation are decided under the session's lock, and a checked-in booking is no longer theirs to cancel)."""
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")  # asked before the test: torn down after this check
    yield
    with app.app_context():
        stray = db.session.execute(
            select(Checkin.booking_id, Checkin.seat, Booking.status)
            .join(Booking, Booking.id == Checkin.booking_id)
            .where(Booking.status != BOOKING_ACTIVE, Booking.cancelled_by == CANCELLED_BY_PERSON)
        ).all()
        db.session.rollback()
    assert stray == []
