"""CRM fixtures: an app per test on a fresh database (or JSON file), and one client per way of calling it."""

import logging

import pytest
from crm_payloads import AUTH, SERVICE_TOKEN
from crm_tokens import FACILITATOR_ID, JWT_SECRET, OTHER_FACILITATOR_ID, USER_ID, jwt_client
from flask.testing import FlaskClient

from crm_microservice import create_app
from crm_microservice.extensions import db


class ServiceClient(FlaskClient):
    """A test client that sends the service bearer token on every request, like the main API does."""

    def open(self, *args, **kwargs):
        headers = dict(AUTH, **(kwargs.pop("headers", None) or {}))
        return super().open(*args, headers=headers, **kwargs)


@pytest.fixture
def make_app(tmp_path):
    """Factory: a CRM app with its log and JSON files in tmp_path; keyword arguments override config
    (a value of ... drops the key, leaving the environment or the default)."""
    apps = []

    def make(database_url: str | None = None, create_tables: bool = True, **overrides):
        config = {
            "TESTING": True,
            "CRM_AUTH_TOKEN": SERVICE_TOKEN,
            "JWT_SECRET_KEY": JWT_SECRET,
            "APP_ENV": "development",
            "CRM_STORAGE": "sqlite",
            "CRM_DATABASE_URL": database_url or f"sqlite:///{tmp_path / 'unused.sqlite'}",
            "CRM_LOG_FILE": str(tmp_path / "crm.log"),
            "NOTIFICATION_LOG_FILE": str(tmp_path / "notifications.json"),
            "CRM_ANONYMOUS_READ": True,
            # Explicitly off, so a secret in the developer's .env cannot sign-protect the unsigned tests.
            "CRM_SIGNING_SECRET": "",
        }
        config.update(overrides)
        app = create_app({key: value for key, value in config.items() if value is not ...})
        if create_tables and app.config["CRM_STORAGE"] == "sqlite":
            with app.app_context():
                db.create_all()
        apps.append(app)
        return app

    yield make
    for app in apps:
        with app.app_context():
            db.engine.dispose()
    # Detach and close the log handlers: their file lives in this test's tmp_path.
    logger = logging.getLogger("crm_microservice")
    for handler in [h for h in logger.handlers if getattr(h, "crm_handler", False)]:
        logger.removeHandler(handler)
        handler.close()


@pytest.fixture
def app(make_app, database_url):
    """The CRM on the SQL store, on a fresh SQLite file or PostgreSQL schema."""
    return make_app(database_url)


@pytest.fixture
def client(app):
    """Anonymous client: no Authorization header."""
    return app.test_client()


@pytest.fixture
def service_client(app):
    """Client of the main API: Bearer service token on every request."""
    app.test_client_class = ServiceClient
    return app.test_client()


@pytest.fixture
def facilitator_client(app):
    """Facilitator 101 (SEED_NESTED's) with their own JWT."""
    return jwt_client(app, FACILITATOR_ID, "facilitator")


@pytest.fixture
def other_facilitator_client(app):
    """Facilitator 102, who must never see 101's records."""
    return jwt_client(app, OTHER_FACILITATOR_ID, "facilitator")


@pytest.fixture
def user_client(app):
    """A plain user's JWT: valid, but not a facilitator's."""
    return jwt_client(app, USER_ID, "user")


@pytest.fixture
def json_app(make_app):
    """The CRM on the JSON file store."""
    return make_app(CRM_STORAGE="json")


@pytest.fixture
def json_client(json_app):
    return json_app.test_client()


@pytest.fixture
def json_service_client(json_app):
    json_app.test_client_class = ServiceClient
    return json_app.test_client()


@pytest.fixture(params=["sql", "json"])
def any_app(request, make_app, database_url):
    """The CRM on each store in turn, for behaviour both stores must share."""
    if request.param == "json":
        return make_app(CRM_STORAGE="json")
    return make_app(database_url)


@pytest.fixture
def any_service_client(any_app):
    any_app.test_client_class = ServiceClient
    return any_app.test_client()


@pytest.fixture
def any_client(any_app):
    """Anonymous client of either store (built directly: any_service_client changes test_client_class)."""
    return FlaskClient(any_app, any_app.response_class, use_cookies=True)


@pytest.fixture
def any_facilitator_client(any_app):
    return jwt_client(any_app, FACILITATOR_ID, "facilitator")


@pytest.fixture
def any_other_facilitator_client(any_app):
    return jwt_client(any_app, OTHER_FACILITATOR_ID, "facilitator")
