"""CRM fixtures: an app per test on a fresh database (or JSON file), and one client per way of calling it."""

import pytest
from crm_payloads import AUTH, SERVICE_TOKEN
from crm_tokens import FACILITATOR_ID, JWT_SECRET, OTHER_FACILITATOR_ID, USER_ID, jwt_client
from db_templates import detach_crm_log_handlers
from fake_main_api import FakeMainAPI
from flask.testing import FlaskClient

from crm_microservice import create_app
from crm_microservice.extensions import db


class ServiceClient(FlaskClient):
    """A test client that sends the service bearer token on every request, like the main API does."""

    def open(self, *args, **kwargs):
        headers = dict(AUTH, **(kwargs.pop("headers", None) or {}))
        return super().open(*args, headers=headers, **kwargs)


@pytest.fixture(scope="session")
def token_authority():
    """The main API as the CRM asks it what a token reaches (GET /auth/access): each token's own claims."""
    server = FakeMainAPI()
    yield server
    server.stop()


@pytest.fixture
def make_app(tmp_path, db_templates, token_authority):
    """Factory: a CRM app with its log and JSON files in tmp_path; keyword arguments override config
    (a value of ... drops the key, leaving the environment or the default).

    The SQL store uses database_url (the fixture's migrated copy, or a database of the test's own), or else a
    SQLite file in tmp_path, which the first app with create_tables (the default) gets as a copy of the run's
    migrated template."""
    apps = []

    def make(database_url: str | None = None, create_tables: bool = True, **overrides):
        if database_url is None:
            path = tmp_path / "unused.sqlite"
            sql_store = overrides.get("CRM_STORAGE", "sqlite") == "sqlite"
            if create_tables and sql_store and not path.exists():
                db_templates.copy_sqlite("crm", path)
            database_url = f"sqlite:///{path}"
        config = {
            "TESTING": True,
            "CRM_AUTH_TOKEN": SERVICE_TOKEN,
            "JWT_SECRET_KEY": JWT_SECRET,
            "APP_ENV": "development",
            "CRM_STORAGE": "sqlite",
            "CRM_DATABASE_URL": database_url,
            "CRM_LOG_FILE": str(tmp_path / "crm.log"),
            "NOTIFICATION_LOG_FILE": str(tmp_path / "notifications.json"),
            "CRM_ANONYMOUS_READ": True,
            "SINGLE_WORKER": True,  # the test process alone serves it, so production takes its counts in memory
            # Explicitly off, so a secret in the developer's .env cannot sign-protect the unsigned tests.
            "CRM_SIGNING_SECRET": "",
            "MAIN_API_URL": token_authority.url,
        }
        config.update(overrides)
        app = create_app({key: value for key, value in config.items() if value is not ...})
        apps.append(app)
        return app

    yield make
    for app in apps:
        with app.app_context():
            db.engine.dispose()
    detach_crm_log_handlers()  # their file lives in this test's tmp_path


@pytest.fixture
def database_url(db_backend, make_database_url):
    """A fresh database on the backend under test with the CRM's migrated schema: a copy of the run's template."""
    return make_database_url(db_backend, template="crm")


@pytest.fixture
def empty_database_url(db_backend, make_database_url):
    """A fresh, empty database on the backend under test (for the migrations' own test)."""
    return make_database_url(db_backend)


@pytest.fixture
def app(make_app, database_url):
    """The CRM on the SQL store, on a fresh SQLite file or PostgreSQL database with the migrated schema."""
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
def any_app(request, make_app, db_backend):
    """The CRM on each store in turn, for behaviour both stores must share (the JSON store needs no database)."""
    if request.param == "json":
        return make_app(CRM_STORAGE="json")
    return make_app(request.getfixturevalue("database_url"))


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
