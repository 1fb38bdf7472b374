"""Fixtures shared by every test package: database backends, free ports and the real system as processes."""

import os
import uuid

import pytest
import sqlalchemy as sa
from live_stack import Stack, free_port_number, launch_stack

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


@pytest.fixture
def free_port():
    """Factory: a TCP port on 127.0.0.1 that nothing listens on right now."""
    return free_port_number


@pytest.fixture
def start_stack(make_database_url, free_port, tmp_path):
    """Factory: start the whole system on the given backend; everything is stopped after the test.

    With proxy=<ChaosProxy>, the main API and the dispatcher reach the CRM through that proxy;
    with web=True the built web app is served too (stack.web_url).
    """
    stacks = []

    def start(backend: str, proxy=None, web: bool = False, **overrides) -> Stack:
        databases = {
            "DATABASE_URL": make_database_url(backend, "main"),
            "CRM_DATABASE_URL": make_database_url(backend, "crm"),
        }
        stack = launch_stack(databases, tmp_path, free_port, proxy=proxy, web=web, **overrides)
        stacks.append(stack)
        return stack

    yield start
    for stack in stacks:
        stack.stop()
