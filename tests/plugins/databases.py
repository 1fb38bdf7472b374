"""Database backends for every test: the SQLite/PostgreSQL matrix, the run's templates and fresh copies of them."""

import os

import pytest
import sqlalchemy as sa
from db_templates import DatabaseTemplates, PostgresDatabases

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "").strip()
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# PostgreSQL joins the matrix whenever a server is configured; CI always configures one.
BACKENDS = ["sqlite", "postgresql"] if TEST_DATABASE_URL else ["sqlite"]
if IN_CI and not TEST_DATABASE_URL:
    raise RuntimeError("CI=true but TEST_DATABASE_URL is not set: the PostgreSQL path must be tested in CI")

# With PostgreSQL configured, a test runs on SQLite as well only where its behaviour can differ between the two
# (locks and races, ids, migrations, query plans and counts, raw SQL, JSON, time zones, text folding and search):
# those carry this marker, by module or by test. The rest runs on PostgreSQL, production's database, alone;
# --all-databases (or TEST_ALL_DATABASES=1) runs every test on both, as a change to migrations or raw SQL must.
BOTH_MARKER = "both_databases"


def pytest_addoption(parser):
    parser.addoption(
        "--all-databases",
        action="store_true",
        default=os.environ.get("TEST_ALL_DATABASES", "").lower() in ("1", "true", "yes"),
        help="run every database test on SQLite as well as PostgreSQL, not only those marked both_databases",
    )


def runs_on_sqlite_too(item) -> bool:
    """Whether a test parametrized over the backends keeps its SQLite run in a run without --all-databases."""
    return item.get_closest_marker(BOTH_MARKER) is not None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Leave out the SQLite runs of dialect-neutral tests when PostgreSQL is configured (see BOTH_MARKER)."""
    if not TEST_DATABASE_URL or config.getoption("--all-databases"):
        return
    kept, left_out = [], []
    for item in items:
        backend = getattr(getattr(item, "callspec", None), "params", {}).get("db_backend")
        (left_out if backend == "sqlite" and not runs_on_sqlite_too(item) else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


def _pg_admin_url() -> str:
    """The configured server URL with the psycopg 3 driver spelled out."""
    url = sa.engine.make_url(TEST_DATABASE_URL)
    return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def db_templates(tmp_path_factory):
    """The run's template databases (tests/db_templates.py): each service's migrated schema, made once on first
    use and copied for every test that asks for one; the PostgreSQL templates are dropped when the run ends."""
    postgres = PostgresDatabases(_pg_admin_url()) if TEST_DATABASE_URL else None
    templates = DatabaseTemplates(tmp_path_factory.mktemp("templates"), postgres)
    yield templates
    templates.close()


@pytest.fixture(scope="session")
def pg_databases(db_templates):
    """Database factory on the PostgreSQL server named by TEST_DATABASE_URL."""
    if not TEST_DATABASE_URL:
        pytest.skip("TEST_DATABASE_URL is not set")
    return db_templates.postgres


@pytest.fixture(params=BACKENDS)
def db_backend(request):
    """Name of the database backend under test: 'sqlite', and 'postgresql' when configured."""
    return request.param


@pytest.fixture
def make_database_url(request, tmp_path, db_templates):
    """Factory: a fresh database URL of the given backend, removed after the test. Empty, or with template=
    "main", "crm" or "main-demo" a copy of the run's migrated (and demo-seeded) template of that kind."""
    created = []

    def make(backend: str, name: str = "db", template: str | None = None) -> str:
        if backend == "sqlite":
            path = tmp_path / (name + ".sqlite")
            return db_templates.copy_sqlite(template, path) if template else f"sqlite:///{path}"
        databases = request.getfixturevalue("pg_databases")
        database, url = db_templates.copy_postgres(template) if template else databases.take()
        created.append(database)
        return url

    yield make
    for database in created:
        db_templates.postgres.drop_later(database)


@pytest.fixture
def database_url(db_backend, make_database_url):
    """A fresh, empty database on the backend under test."""
    return make_database_url(db_backend)
