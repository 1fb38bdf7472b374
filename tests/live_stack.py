"""Handles on the real system running as processes: start it, arrange data, call it."""

import os
import random
import socket
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload
from werkzeug.security import generate_password_hash

from launcher.processes import ServiceProcess, gunicorn_command, stop_all
from main_app import create_app
from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import (
    ROLE_FACILITATOR,
    ROLE_USER,
    Booking,
    DeliveryAttempt,
    Event,
    EventSession,
    OutboxMessage,
    User,
)
from main_app.security import issue_token
from main_app.services import studios
from main_app.services.crm.messages import enqueue_booking_change
from start_services import build_services, is_production

STACK_SITE = Path(__file__).resolve().parent / "stack_site"
SERVICE_TOKEN = "integration-service-token-at-least-32-bytes"  # production refuses shorter ones
JWT_SECRET = "integration-jwt-secret-at-least-32-bytes-long"
# A fast hash for accounts the tests create directly; login still verifies it for real.
FAST_HASH_METHOD = "pbkdf2:sha256:1000"


def stack_templates(overrides: dict) -> dict[str, tuple[str, str]]:
    """What start_services.prepare_databases leaves in each database, as the run's templates to copy (tests/
    db_templates.py): {variable: (file name, template kind)}. Both are migrated; outside production the main
    one holds the demo data too."""
    production = is_production({**os.environ, **overrides})
    return {"DATABASE_URL": ("main", "main" if production else "main-demo"), "CRM_DATABASE_URL": ("crm", "crm")}


def sqlite_stack_databases(templates, folder, **overrides) -> dict:
    """A stack's SQLite databases in folder, copied from the run's templates (db_templates.DatabaseTemplates)."""
    return {
        variable: templates.copy_sqlite(kind, folder / f"{name}.sqlite")
        for variable, (name, kind) in stack_templates(overrides).items()
    }


def wait_for(predicate, timeout: float, interval: float = 0.05, message: str = "condition"):
    """Poll predicate until it returns a truthy value; fail the test after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"{message} not met within {timeout}s")


class Stack:
    """Handles on a running system and the calls tests make against it."""

    def __init__(
        self, services: list[ServiceProcess], env: dict, main_url: str, crm_url: str, web_url: str | None = None
    ):
        self.crm, self.main, dispatcher, *rest = services
        self.dispatcher = dispatcher
        web = [s for s in rest if s.name == "web"]
        self.web = web[0] if web else None  # the web app's server, when the stack was asked for it
        live = [s for s in rest if s.name == "live"]
        self.live = live[0] if live else None  # the notification centres' live stream, beside the web app
        self.web_url = web_url
        # dispatchers > 1
        self.extra_dispatchers = [s for s in rest if s.name.startswith("dispatcher-")]
        self.extra_mains: list[ServiceProcess] = []
        self.env = env
        self.main_url = main_url
        self.crm_url = crm_url
        self.http = requests.Session()
        # Browser contexts on this stack, closed before it stops (new_page adds them): a connection a client
        # keeps open holds a gunicorn worker's exit (an idle keep-alive one for 2 s, one that has sent nothing yet,
        # as Chromium opens ahead of need, for the whole graceful timeout).
        self.clients: list = []
        config = {"SQLALCHEMY_DATABASE_URI": env["DATABASE_URL"], "JWT_SECRET_KEY": JWT_SECRET}
        if "DISPATCH_WAKE_PORT" in env:  # outbox rows the tests write wake this stack's dispatcher
            config["DISPATCH_WAKE_PORT"] = int(env["DISPATCH_WAKE_PORT"])
        self._app = create_app(config)

    def start(self, start_dispatcher: bool = True) -> None:
        """Launch every service at once (the dispatcher only if start_dispatcher), then wait for each to answer its
        health check."""
        dispatcher = self.dispatcher if start_dispatcher else None
        started = (self.crm, self.main, dispatcher, *self.extra_dispatchers, self.live, self.web)
        services = tuple(s for s in started if s)
        for service in services:
            service.start()
        for service in services:
            service.wait_healthy()

    def stop(self) -> None:
        """Stop every service, all at once."""
        stop_stacks([self])

    def close_clients(self) -> None:
        """Close the connections this side holds to the services, which would hold their workers' exit."""
        for client in (self.http, *self.clients):
            client.close()
        self.clients.clear()

    def services(self) -> list[ServiceProcess]:
        """The stack's services in the order they are sent SIGTERM: the callers before what they call."""
        stopping = (self.web, self.live, *self.extra_dispatchers, self.dispatcher, *self.extra_mains, self.main)
        return [s for s in (*stopping, self.crm) if s]

    def dispose(self) -> None:
        """Close this process's connections to the stack's main database."""
        with self._app.app_context():
            db.engine.dispose()

    def add_dispatcher(self) -> ServiceProcess:
        """Another dispatcher process like the stack's own (not started); stopped with the stack."""
        number = len(self.extra_dispatchers) + 2
        log_path = self.dispatcher.log_path and self.dispatcher.log_path.with_name(f"dispatcher-{number}.log")
        extra = ServiceProcess(
            f"dispatcher-{number}",
            self.dispatcher.argv,
            self.dispatcher.env,
            None,
            log_path,
            ready_text=self.dispatcher.ready_text,
        )
        self.extra_dispatchers.append(extra)
        return extra

    def add_main_api(self, workers: int = 2, threads: int = 4, **env) -> tuple[ServiceProcess, str]:
        """Another main API instance, as on another machine: a free port, the same database, CRM and rate-limit
        storage, env on top of the stack's (not started); stopped with the stack. Returns it and its URL."""
        number = len(self.extra_mains) + 2
        port = free_port_number()
        url = f"http://127.0.0.1:{port}"
        log_path = self.main.log_path and self.main.log_path.with_name(f"main-api-{number}.log")
        argv = gunicorn_command("main_app:create_app()", f"127.0.0.1:{port}", workers, threads)
        instance = ServiceProcess(
            f"main-api-{number}", argv, {**self.main.env, "MAIN_PORT": str(port), **env}, f"{url}/health", log_path
        )
        self.extra_mains.append(instance)
        return instance, url

    # -- arranging data directly in the main database ---------------------------------------------

    def add_session(self, capacity: int, title: str = "Integration Retreat", price: int = 0) -> int:
        """A facilitator, an event and one future session with capacity seats; returns the session id."""
        return self.add_sessions(1, capacity, title, price)[0]

    def add_sessions(self, count: int, capacity: int, title: str = "Integration Retreat", price: int = 0) -> list[int]:
        """A facilitator and an event with count future sessions of capacity seats (at price, in paise, each);
        returns the session ids."""
        with self._app.app_context():
            facilitator = User(
                name="Dr. Test Facilitator",
                email=f"fac-{time.monotonic_ns()}@example.com",
                role=ROLE_FACILITATOR,
                password_hash=generate_password_hash("x" * 12, FAST_HASH_METHOD),
            )
            starts = datetime.now(UTC) + timedelta(days=3)
            sessions = [
                EventSession(
                    starts_at=starts + timedelta(hours=3 * i),
                    ends_at=starts + timedelta(hours=3 * i + 2),
                    capacity=capacity,
                    price=price,
                )
                for i in range(count)
            ]
            with unit_of_work():
                db.session.add(facilitator)
                db.session.flush()
                for event_session in sessions:
                    event_session.instructor_id = facilitator.id
                db.session.add(
                    Event(
                        studio_id=studios.home_studio_id(facilitator),
                        title=title,
                        kind="retreat",
                        location="Loopback",
                        facilitator=facilitator,
                        starts_at=starts,
                        ends_at=sessions[-1].ends_at,
                        sessions=sessions,
                    )
                )
            return [session.id for session in sessions]

    def add_facilitator(self, name: str, password: str = "password123") -> str:
        """A facilitator of their own (no events yet) made directly, as an admin would: returns their email."""
        email = f"{name.split()[0].lower()}-{time.monotonic_ns()}@example.com"
        password_hash = generate_password_hash(password, FAST_HASH_METHOD)
        with self._app.app_context(), unit_of_work():
            db.session.add(User(name=name, email=email, role=ROLE_FACILITATOR, password_hash=password_hash))
        return email

    def add_users(self, count: int, password: str = "password123") -> list[str]:
        """count user accounts created directly; returns their emails."""
        stamp = time.monotonic_ns()
        emails = [f"user{i}-{stamp}@example.com" for i in range(count)]
        password_hash = generate_password_hash(password, FAST_HASH_METHOD)
        with self._app.app_context(), unit_of_work():
            db.session.add_all(
                User(name=f"Race User {i}", email=email, role=ROLE_USER, password_hash=password_hash)
                for i, email in enumerate(emails)
            )
        return emails

    def add_booking_backlog(self, count: int) -> list[int]:
        """count users booked into one session, each booking with its booking_created outbox message,
        written as the booking service writes them (one transaction); returns the booking ids."""
        session_id = self.add_session(capacity=count, title="Backlog Retreat")
        emails = self.add_users(count)
        with self._app.app_context():
            session = db.session.scalars(
                select(EventSession).options(joinedload(EventSession.event)).where(EventSession.id == session_id)
            ).one()
            users = db.session.scalars(select(User).where(User.email.in_(emails)).order_by(User.id)).all()
            with unit_of_work():
                bookings = [Booking(session_id=session_id, user_id=user.id) for user in users]
                db.session.add_all(bookings)
                session.seats_taken = count
                db.session.flush()
                for booking, user in zip(bookings, users, strict=True):
                    enqueue_booking_change(booking, "created", user, session, session.event)
                booking_ids = [booking.id for booking in bookings]
        return booking_ids

    def issue_tokens(self, emails: list[str]) -> list[str]:
        """Access tokens for these accounts, signed as the API signs them, without a login (and its limit)."""
        with self._app.app_context():
            users = {user.email: user for user in db.session.scalars(select(User).where(User.email.in_(emails)))}
            return [issue_token(users[email]) for email in emails]

    def facilitator_token(self, session_id: int) -> str:
        """An access token for the facilitator who runs this session."""
        with self._app.app_context():
            event_session = db.session.scalars(
                select(EventSession)
                .options(joinedload(EventSession.event).joinedload(Event.facilitator))
                .where(EventSession.id == session_id)
            ).one()
            return issue_token(event_session.event.facilitator)

    # -- reading the main database ----------------------------------------------------------------

    def outbox(self, channel: str = "crm") -> list[dict]:
        """Every outbox message of a channel (the CRM's by default): id, type, status, attempts, failure_kind,
        last_error, claimed_by, booking_id."""
        with self._app.app_context():
            rows = db.session.execute(
                select(
                    OutboxMessage.id,
                    OutboxMessage.type,
                    OutboxMessage.status,
                    OutboxMessage.attempts,
                    OutboxMessage.failure_kind,
                    OutboxMessage.last_error,
                    OutboxMessage.claimed_by,
                    OutboxMessage.payload,
                )
                .where(OutboxMessage.channel == channel)
                .order_by(OutboxMessage.created_at)
            ).all()
        return [{**row._asdict(), "booking_id": row.payload.get("booking_id")} for row in rows]

    def rows(self, statement) -> list[dict]:
        """The rows a SELECT on the main database answers, as dicts."""
        with self._app.app_context():
            return [row._asdict() for row in db.session.execute(statement).all()]

    def write(self, *statements) -> None:
        """Run these writing statements on the main database in one unit of work (time passing, for a test)."""
        with self._app.app_context(), unit_of_work():
            for statement in statements:
                db.session.execute(statement)

    def outbox_statuses(self, channel: str = "crm") -> Counter:
        """How many outbox messages of a channel (the CRM's by default) are in each status (one cheap query)."""
        with self._app.app_context():
            rows = db.session.execute(
                select(OutboxMessage.status, func.count())
                .where(OutboxMessage.channel == channel)
                .group_by(OutboxMessage.status)
            ).all()
        return Counter(dict(rows))

    def delivery_attempts(self, channel: str = "crm") -> list[dict]:
        """Every recorded attempt of a channel (the CRM's HTTP requests by default): message_id, worker_id,
        status_code, error."""
        with self._app.app_context():
            rows = db.session.execute(
                select(
                    DeliveryAttempt.message_id,
                    DeliveryAttempt.worker_id,
                    DeliveryAttempt.status_code,
                    DeliveryAttempt.error,
                )
                .join(OutboxMessage, OutboxMessage.id == DeliveryAttempt.message_id)
                .where(OutboxMessage.channel == channel)
                .order_by(DeliveryAttempt.id)
            ).all()
        return [row._asdict() for row in rows]

    # -- talking to the services ------------------------------------------------------------------

    def register(self, name: str, email: str, password: str = "password123") -> dict:
        response = self.http.post(
            f"{self.main_url}/auth/register", json={"name": name, "email": email, "password": password}
        )
        assert response.status_code == 201, response.text
        return response.json()

    def login(self, email: str, password: str = "password123") -> str:
        response = self.http.post(f"{self.main_url}/auth/login", json={"email": email, "password": password})
        assert response.status_code == 200, response.text
        return response.json()["access_token"]

    def login_as(self, login: str, password: str) -> tuple[int, dict]:
        """Log an account in by username (the demo's) or email: (its id, the Authorization header to send)."""
        response = self.http.post(f"{self.main_url}/auth/login", json={"login": login, "password": password})
        assert response.status_code == 200, response.text
        body = response.json()
        return body["user"]["id"], {"Authorization": f"Bearer {body['access_token']}"}

    def book(
        self, token: str, session_id: int, path: str = "/bookings/book", http: requests.Session | None = None
    ) -> requests.Response:
        return (http or self.http).post(
            f"{self.main_url}{path}",
            json={"session_id": session_id},
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        )

    def operator(self, method: str, path: str, **kwargs) -> requests.Response:
        """A call to the main API's operators' endpoints with the service token."""
        return self.http.request(
            method, f"{self.main_url}{path}", headers={"Authorization": f"Bearer {SERVICE_TOKEN}"}, timeout=10, **kwargs
        )

    def crm_notifications(self, **filters) -> list[dict]:
        return self._crm_page(per_page=100, **filters)["items"]

    def crm_total(self, **filters) -> int:
        """How many notifications the CRM holds that match filters."""
        return self._crm_page(per_page=1, **filters)["total"]

    def crm_all(self, **filters) -> list[dict]:
        """Every notification matching filters, page by page (call it when nothing is arriving any more)."""
        first = self._crm_page(per_page=100, **filters)
        items = list(first["items"])
        for page in range(2, first["pages"] + 1):
            items += self._crm_page(per_page=100, page=page, **filters)["items"]
        assert len(items) == first["total"]
        return items

    def _crm_page(self, **params) -> dict:
        response = self.http.get(
            f"{self.crm_url}/notifications",
            params=params,
            headers={"Authorization": f"Bearer {SERVICE_TOKEN}"},
            timeout=5,
        )
        assert response.status_code == 200, response.text
        return response.json()

    def restart_crm(self) -> None:
        self.crm.start().wait_healthy()


def stop_stacks(stacks: list[Stack]) -> None:
    """Stop the stacks' services all together: each process winds down on its own, so stopping one stack after
    another only adds their times up."""
    for stack in stacks:
        stack.close_clients()
    stop_all([service for stack in stacks for service in stack.services()], grace=10.0)
    for stack in stacks:
        stack.dispose()


_HANDED_OUT: set[int] = set()
PORTS = range(20000, 32768)  # below the kernel's range for outgoing connections (32768-60999 by default)


def free_port_number() -> int:
    """A TCP port on 127.0.0.1 that nothing is bound to right now, which no other process of the test run is handed.

    gunicorn listens with SO_REUSEPORT (a socket per worker), so two stacks handed the same free port (both asked
    before either bound it) would both bind it and split its connections without an error: a run once saw 22 of 50
    bookings answered 404 by another test's API. So each pytest-xdist worker takes ports of its own remainder, and one
    process never hands out a port twice. (Not the kernel's bind(0): it gives out odd ports only, while it can.)
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    mine = int(worker[2:]) % workers if worker[2:].isdigit() else 0
    for _ in range(1000):
        port = random.randrange(PORTS.start, PORTS.stop - workers, workers) + mine
        if port in _HANDED_OUT:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue  # in use
        _HANDED_OUT.add(port)
        return port
    raise RuntimeError(f"no free port of {workers}k+{mine} in {PORTS}")


def launch_stack(
    databases: dict,
    log_dir,
    free_port,
    proxy=None,
    web: bool = False,
    *,
    workers: int = 2,
    threads: int = 4,
    dispatchers: int = 1,
    start_dispatcher: bool = True,
    **overrides,
) -> "Stack":
    """Start the whole system on free ports on the databases named in `databases`; the caller stops it.

    The databases come prepared, as start_services.prepare_databases leaves them: copies of the run's templates
    (stack_templates says which), instead of migrating and seeding each stack's own.

    With proxy=<ChaosProxy>, the main API and the dispatcher reach the CRM through it; with web=True the
    built web app is served too (stack.web_url). workers, threads and dispatchers size it as start_services.py
    does; with start_dispatcher=False the dispatcher waits for stack.dispatcher.start() (a test that arranges the
    outbox first spares itself a start and a stop); overrides are extra environment variables.
    """
    main_port, crm_port = free_port(), free_port()
    web_port = free_port() if web else None
    env = {
        **databases,
        "CRM_AUTH_TOKEN": SERVICE_TOKEN,
        "JWT_SECRET_KEY": JWT_SECRET,
        "CRM_LOG_FILE": str(log_dir / "crm_notifications.log"),
        "NOTIFICATION_LOG_FILE": str(log_dir / "notifications.json"),
        "CRM_RETRY_SCHEDULE": "1,1,1,2,2,2,5,5,5,5",
        # Polling is only the fallback: a commit wakes the dispatcher on its own port.
        "DISPATCH_POLL_INTERVAL": "1",
        "DISPATCH_WAKE_PORT": str(free_port()),
        "DISPATCH_MAX_PROBE_INTERVAL": "0.5",
        "CRM_QUICK_RETRIES": "2",
        # The tests register, log in and notify far faster than any person; the limits have their own tests.
        "RATELIMIT_LOGIN": "100000/minute",
        "RATELIMIT_REGISTER": "100000/minute",
        "RATELIMIT_NOTIFY": "100000/second",
        "RATELIMIT_PASSWORD_RESET": "100000/minute",
        "RATELIMIT_PASSWORD_RESET_ACCOUNT": "100000/minute",
        "RATELIMIT_SESSION_MESSAGE": "100000/minute",
        "RATELIMIT_PAYMENT_KEYS": "100000/minute",
        "EMBED_API_RATE_PER_SITE": "100000",
        "EMBED_API_BURST_PER_SITE": "100000",
        # No MAIL_URL unless a test gives one: emails are files in the test's folder, not the project's.
        "MAIL_FOLDER": str(log_dir / "mail"),
        "SMS_FOLDER": str(log_dir / "sms"),
        # Nothing listens there: a payment provider's real API is never reached from a test (a fake's URL overrides).
        "STRIPE_API_BASE": f"http://127.0.0.1:{free_port()}",
        "RAZORPAY_API_BASE": f"http://127.0.0.1:{free_port()}",
        # Its sitecustomize makes the services' exit quick (stack_site/sitecustomize.py says how).
        "PYTHONPATH": os.pathsep.join(filter(None, (str(STACK_SITE), os.environ.get("PYTHONPATH")))),
        **({"CRM_BASE_URL": proxy.url} if proxy else {}),
        **overrides,
    }
    services = build_services(
        "127.0.0.1",
        main_port,
        crm_port,
        dev=False,
        env=env,
        log_dir=log_dir,
        web_port=web_port,
        workers=workers,
        threads=threads,
        dispatchers=dispatchers,
        stream_port=free_port() if web else None,
    )
    stack = Stack(
        services,
        services[0].env,
        f"http://127.0.0.1:{main_port}",
        f"http://127.0.0.1:{crm_port}",
        web_port and f"http://127.0.0.1:{web_port}",
    )
    if proxy:
        proxy.target = stack.crm_url
    try:
        stack.start(start_dispatcher)
    except BaseException:
        stack.stop()
        raise
    return stack
