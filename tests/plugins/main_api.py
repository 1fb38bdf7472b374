"""The main API under test: an app on a copy of the migrated template, its client, its settings and error shape."""

import copy
import os
import secrets
import socket

import pytest
from db_templates import migrate_schema

from main_app import create_app
from main_app.api import page_cache
from main_app.extensions import db, limiter

CRM_TOKEN = "test-crm-token"
TEST_SETTINGS = {
    "TESTING": True,
    "CRM_AUTH_TOKEN": CRM_TOKEN,
    "CRM_TIMEOUT": 2.0,
    "CRM_HEALTH_TIMEOUT": 1.0,
    "CRM_QUICK_RETRIES": 1,
    "CRM_RETRY_SCHEDULE": [5.0, 30.0, 120.0],
    "DISPATCH_POLL_INTERVAL": 0.05,
    "DISPATCH_MAX_PROBE_INTERVAL": 0.2,
}


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


class KeptApps:
    """The main API apps a test process keeps between tests, one per backend, each on a database of its own that every
    test refills from the template: building an app costs ~85 ms of CPU (werkzeug compiles each of its ~300 URL rules),
    far more than most tests. Only the plain app (the `app` fixture, no overrides) is kept; what a test may change on
    it (its config, its extensions' state, its rate-limit counts) is put back before the next test takes it."""

    def __init__(self, folder, db_templates):
        self.folder = folder
        self.db_templates = db_templates
        self.kept: dict[str, tuple] = {}  # backend -> (app, config, extensions, limiter state)

    def take(self, backend: str, per_test: dict):
        """The kept app of backend on a fresh copy of the "main" template, with this test's settings; None when the
        rate limiter (one object for every app of the process, set up by the last app made) was last set up for
        another kind of storage or switched off: the kept apps' settings keep it on, counting in memory."""
        if backend in self.kept and self.kept[backend][3] != (type(limiter.storage), limiter.enabled):
            discarded = self.kept.pop(backend)[0]
            with discarded.app_context():
                db.engine.dispose()  # its connections may still be open (make_app's teardown leaves them)
        if backend not in self.kept:
            return None
        app, config, extensions, _storage = self.kept[backend]
        app.config.clear()
        app.config.update(copy.deepcopy(config))
        app.config.update(per_test)
        app.extensions.clear()
        app.extensions.update(extensions)
        page_cache.init_app(app)
        limiter.reset()
        app.config["SQLALCHEMY_DATABASE_URI"] = self.refill(backend, app)
        return app

    def keep(self, backend: str, app) -> None:
        """Keep app (just made, on a database of its own) for the next tests of backend."""
        limiter_state = (type(limiter.storage), limiter.enabled)
        self.kept[backend] = (app, copy.deepcopy(dict(app.config)), dict(app.extensions), limiter_state)

    def stays_warm(self, backend: str, app) -> bool:
        """Whether app keeps its pooled connections for the next test (refill empties its database on one): the
        kept PostgreSQL app, holding one idle connection at most. After a race it holds a pool's worth, and three
        test processes' idle ones beside the services' would crowd the server's 100 connections."""
        kept = any(entry[0] is app for entry in self.kept.values())
        return backend == "postgresql" and kept and db.engine.pool.checkedin() <= 1

    def database_url(self, backend: str) -> str:
        """The URL the kept app of backend always uses, refilled from the template."""
        if backend == "sqlite":
            return self.db_templates.copy_sqlite("main", self.folder / "kept-main.sqlite")
        return self.db_templates.postgres.refill(f"k_{self.db_templates.run_id}_{worker_name()}", self._template())

    def refill(self, backend: str, app) -> str:
        """A fresh copy of the template under the kept app's database URL. On PostgreSQL the database is emptied in
        place on one of the app's own connections where it can be (the schema unchanged, no lock left behind):
        a renamed-in copy costs the server new sessions that read each table's catalogue entries again, ~75 ms
        of its CPU a test, where emptying on a warm session costs a few. Else its connections closed first."""
        with app.app_context():
            db.session.remove()
            if backend == "postgresql" and self._emptied_in_place():
                return app.config["SQLALCHEMY_DATABASE_URI"]
            db.engine.dispose()
        if backend == "sqlite":
            for leftover in ("-wal", "-shm", "-journal"):
                (self.folder / f"kept-main.sqlite{leftover}").unlink(missing_ok=True)
        return self.database_url(backend)

    def _template(self) -> str:
        return self.db_templates.template("postgresql", "main")

    def _emptied_in_place(self) -> bool:
        """Whether the app's database (in its context) could be emptied on one of its pooled connections."""
        with db.engine.connect() as conn:
            transaction = conn.begin()
            emptied = False
            try:
                emptied = self.db_templates.postgres.empty_in_place(conn, self._template())
            finally:
                (transaction.commit if emptied else transaction.rollback)()
        return emptied


def worker_name() -> str:
    """This pytest-xdist worker's name (gw0, ...), or "main" without xdist."""
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def kept_apps(tmp_path_factory, db_templates) -> KeptApps:
    """The apps this test process keeps between tests (KeptApps)."""
    return KeptApps(tmp_path_factory.mktemp("kept-apps"), db_templates)


# Settings the app reads when it uses them, never while it is made: a test giving only these still takes the kept
# app (with them set for the test alone), where any other setting makes an app of its own (~85 ms of CPU).
READ_WHEN_USED = frozenset(
    (
        "CRM_BASE_URL",
        "CRM_TIMEOUT",
        "CRM_BATCH_SIZE",
        "CRM_QUICK_RETRIES",
        "EXPORTS_DIR",
        "EXPORT_CHUNK_ROWS",
        "MAIL_FOLDER",
        "SMS_FOLDER",
        "STRIPE_API_BASE",
        "RAZORPAY_API_BASE",
        "WHATSAPP_API_BASE",
    )
)


@pytest.fixture
def make_app(db_backend, make_database_url, tmp_path, kept_apps):
    """Factory: an app on the test's database, with test settings plus overrides. Every app of a test shares one
    database, made by the first call: a copy of the run's migrated template, or empty if that call says
    migrate=False (a later migrate=True then runs the migrations on it). The first plain call of a test (no
    overrides, or only READ_WHEN_USED ones) takes the process's kept app (KeptApps), unless it says kept=False (as a
    test that adds routes must)."""
    apps = []
    database = {}  # "url", and "migrated" once its schema is at the head revision

    def make(migrate: bool = True, kept: bool = True, **overrides):
        per_test = {
            # Nothing listens there: a test that forgets its fake CRM fails fast instead of reaching a real one.
            "CRM_BASE_URL": f"http://127.0.0.1:{closed_port()}",
            # ... and one that forgets its fake payment provider never reaches the real one.
            "STRIPE_API_BASE": f"http://127.0.0.1:{closed_port()}",
            "RAZORPAY_API_BASE": f"http://127.0.0.1:{closed_port()}",
            "WHATSAPP_API_BASE": f"http://127.0.0.1:{closed_port()}/v23.0",  # ... nor Meta's (the operators' probe)
            # Emails without a MAIL_URL are files here, never in the project's instance/mail.
            "MAIL_FOLDER": str(tmp_path / "mail"),
            "SMS_FOLDER": str(tmp_path / "sms"),
        }
        plain = kept and migrate and set(overrides) <= READ_WHEN_USED and not apps
        app = kept_apps.take(db_backend, {**per_test, **overrides}) if plain else None
        if app is not None:
            database.update(url=app.config["SQLALCHEMY_DATABASE_URI"], migrated=True)
        else:
            if plain:
                database.update(url=kept_apps.database_url(db_backend), migrated=True)
            elif not database:
                database["url"] = make_database_url(db_backend, template="main" if migrate else None)
                database["migrated"] = migrate
            settings = {**TEST_SETTINGS, **per_test, "SQLALCHEMY_DATABASE_URI": database["url"]}
            app = create_app({**settings, **({} if plain else overrides)})
            if plain:
                kept_apps.keep(db_backend, app)  # kept without this test's settings, which follow
                app.config.update(overrides)
        apps.append(app)
        if migrate and not database["migrated"]:
            migrate_schema(app)
            database["migrated"] = True
        return app

    yield make
    for app in apps:
        with app.app_context():
            db.session.remove()
            if not kept_apps.stays_warm(db_backend, app):
                db.engine.dispose()


@pytest.fixture
def app(make_app):
    """The main API on a fresh database whose schema comes from the migrations (a copy of the run's template)."""
    return make_app()


@pytest.fixture
def client(app):
    """An anonymous test client."""
    return app.test_client()
