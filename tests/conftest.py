"""Fixtures shared by every test package: database backends, free ports and the real system as processes."""
import os
import socket
import uuid

import pytest
import sqlalchemy as sa
from live_stack import JWT_SECRET, SERVICE_TOKEN, Stack, prepare_databases_quickly

from start_services import build_services

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "").strip()
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# PostgreSQL joins the matrix whenever a server is configured; CI always configures one.
BACKENDS = ["sqlite", "postgresql"] if TEST_DATABASE_URL else ["sqlite"]
if IN_CI and not TEST_DATABASE_URL:
    raise RuntimeError("CI=true but TEST_DATABASE_URL is not set: the PostgreSQL path must be tested in CI")


def _pg_admin_url() -> str:
    """The configured server URL with the psycopg 3 driver spelled out."""
    url = sa.engine.make_url(TEST_DATABASE_URL)
    return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


class PostgresSchemas:
    """Hands out one fresh schema per test on the configured PostgreSQL server."""

    def __init__(self, admin_url: str):
        self.admin_url = admin_url
        self.engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)

    def create(self) -> tuple[str, str]:
        """Create an empty schema and return (name, URL whose search_path is that schema)."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        with self.engine.connect() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{name}"'))
        url = sa.engine.make_url(self.admin_url).update_query_dict({"options": f"-csearch_path={name}"})
        return name, url.render_as_string(hide_password=False)

    def drop(self, name: str) -> None:
        """Drop a schema made by create(), with everything in it."""
        with self.engine.connect() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))


@pytest.fixture(scope="session")
def pg_schemas():
    """Schema factory on the PostgreSQL server named by TEST_DATABASE_URL."""
    if not TEST_DATABASE_URL:
        pytest.skip("TEST_DATABASE_URL is not set")
    schemas = PostgresSchemas(_pg_admin_url())
    yield schemas
    schemas.engine.dispose()


@pytest.fixture(params=BACKENDS)
def db_backend(request):
    """Name of the database backend under test: 'sqlite', and 'postgresql' when configured."""
    return request.param


@pytest.fixture
def make_database_url(request, tmp_path):
    """Factory: a fresh, empty database URL of the given backend, removed after the test."""
    created = []

    def make(backend: str, name: str = "db") -> str:
        if backend == "sqlite":
            return f"sqlite:///{tmp_path / (name + '.sqlite')}"
        schemas = request.getfixturevalue("pg_schemas")
        schema, url = schemas.create()
        created.append((schemas, schema))
        return url

    yield make
    for schemas, schema in created:
        schemas.drop(schema)


@pytest.fixture
def database_url(db_backend, make_database_url):
    """A fresh, empty database on the backend under test."""
    return make_database_url(db_backend)


def _free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def free_port():
    """Factory: a TCP port on 127.0.0.1 that nothing listens on right now."""
    return _free_port


@pytest.fixture
def start_stack(make_database_url, free_port, tmp_path):
    """Factory: start the whole system on the given backend; everything is stopped after the test.

    With proxy=<ChaosProxy>, the main API and the dispatcher reach the CRM through that proxy;
    with web=True the built web app is served too (stack.web_url).
    """
    stacks = []

    def start(backend: str, proxy=None, web: bool = False, **overrides) -> Stack:
        main_port, crm_port = free_port(), free_port()
        web_port = free_port() if web else None
        env = {
            "DATABASE_URL": make_database_url(backend, "main"),
            "CRM_DATABASE_URL": make_database_url(backend, "crm"),
            "CRM_AUTH_TOKEN": SERVICE_TOKEN,
            "JWT_SECRET_KEY": JWT_SECRET,
            "CRM_LOG_FILE": str(tmp_path / "crm_notifications.log"),
            "NOTIFICATION_LOG_FILE": str(tmp_path / "notifications.json"),
            "CRM_RETRY_SCHEDULE": "1,1,1,2,2,2,5,5,5,5",
            # Polling is only the fallback: a commit wakes the dispatcher on its own port.
            "DISPATCH_POLL_INTERVAL": "1",
            "DISPATCH_WAKE_PORT": str(free_port()),
            "DISPATCH_MAX_PROBE_INTERVAL": "0.5",
            "CRM_QUICK_RETRIES": "2",
            **({"CRM_BASE_URL": proxy.url} if proxy else {}),
            **overrides,
        }
        prepare_databases_quickly(env)
        services = build_services("127.0.0.1", main_port, crm_port, dev=False, env=env, log_dir=tmp_path, web_port=web_port)
        stack = Stack(services, services[0].env, f"http://127.0.0.1:{main_port}", f"http://127.0.0.1:{crm_port}",
                      web_port and f"http://127.0.0.1:{web_port}")
        stacks.append(stack)
        if proxy:
            proxy.target = stack.crm_url
        stack.start()
        return stack

    yield start
    for stack in stacks:
        stack.stop()
