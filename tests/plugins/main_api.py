"""The main API under test: an app on a copy of the migrated template, its client, its settings and error shape."""

import secrets
import socket

import pytest
from db_templates import migrate_schema

from main_app import create_app
from main_app.extensions import db

CRM_TOKEN = "test-crm-token"


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
