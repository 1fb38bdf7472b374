"""Fixtures shared by every test package: database backends, free ports and the real system as processes."""

import os
import re
import sys
import traceback
from collections import Counter

import pytest
import sqlalchemy as sa
from db_templates import DatabaseTemplates, PostgresDatabases
from live_stack import Stack, free_port_number, launch_stack, stack_templates
from smtp_inbox import Inbox
from sqlalchemy.orm import Session

from service_kit.database import COMMITTING, holds_write_turn

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


@pytest.fixture
def free_port():
    """Factory: a TCP port on 127.0.0.1 that nothing listens on right now."""
    return free_port_number


@pytest.fixture
def smtp_server():
    """A real SMTP server in this process on a free port (tests/smtp_inbox.py); stopped after the test."""
    inbox = Inbox().start()
    yield inbox
    inbox.stop()


@pytest.fixture
def start_stack(make_database_url, free_port, tmp_path):
    """Factory: start the whole system on the given backend, on copies of the run's migrated and demo-seeded
    template databases; everything is stopped after the test.

    With proxy=<ChaosProxy>, the main API and the dispatcher reach the CRM through that proxy;
    with web=True the built web app is served too (stack.web_url).
    """
    stacks = []

    def start(backend: str, proxy=None, web: bool = False, **overrides) -> Stack:
        databases = {
            variable: make_database_url(backend, name, template=kind)
            for variable, (name, kind) in stack_templates(overrides).items()
        }
        stack = launch_stack(databases, tmp_path, free_port, proxy=proxy, web=web, **overrides)
        stacks.append(stack)
        return stack

    yield start
    for stack in stacks:
        stack.stop()


@pytest.fixture(scope="session")
def shared_stack(tmp_path_factory, db_templates):
    """Factory: shared_stack(backend, **overrides) → a running system that every test of this process asking for
    the same backend and settings shares, started on first use and stopped when the run ends.

    For tests that leave the system whole and only look at what they made themselves (their own sessions, users
    and bookings), never at totals: starting the services is most of what an integration test costs.
    """
    stacks: dict[tuple, Stack] = {}
    databases_made: list[str] = []

    def get(backend: str, **overrides) -> Stack:
        key = (backend, tuple(sorted(overrides.items())))
        if key not in stacks:
            folder = tmp_path_factory.mktemp(f"shared-{backend}")
            databases = {}
            for variable, (name, kind) in stack_templates(overrides).items():
                if backend == "sqlite":
                    databases[variable] = db_templates.copy_sqlite(kind, folder / f"{name}.sqlite")
                else:
                    database, databases[variable] = db_templates.copy_postgres(kind)
                    databases_made.append(database)
            stacks[key] = launch_stack(databases, folder, free_port_number, **overrides)
        return stacks[key]

    yield get
    for stack in stacks.values():
        stack.stop()
    for database in databases_made:
        db_templates.postgres.drop_later(database)


# -- every write through a unit of work ----------------------------------------------------------------

WRITE_STATEMENT = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


class StrayWrites:
    """Writes made by an ORM session outside the unit of work: a commit anywhere, or on SQLite a write without
    the write turn. Each is refused on the spot (the code under test sees an AssertionError) and listed."""

    def __init__(self):
        self.found: list[str] = []

    def refuse(self, what: str):
        where = "".join(traceback.format_stack(limit=14)[:-2])
        self.found.append(f"{what}\n{where}")
        raise AssertionError(f"{what}: every write goes through the service's unit_of_work()")

    def before_commit(self, session):
        if not session.info.get(COMMITTING):  # the unit of work's own commit; any other is a stray one
            self.refuse("commit outside a unit of work")

    def before_flush(self, session, _context, _instances):
        if (session.new or session.dirty or session.deleted) and not self._turn_held(session):
            self.refuse("flush of changes without the SQLite write turn")

    def do_orm_execute(self, state):
        statement = state.statement
        writes = state.is_insert or state.is_update or state.is_delete
        if not writes and isinstance(statement, sa.TextClause):
            writes = bool(WRITE_STATEMENT.match(statement.text))
        if writes and not self._turn_held(state.session):
            self.refuse("write statement without the SQLite write turn")

    @staticmethod
    def _turn_held(session) -> bool:
        return session.get_bind().dialect.name != "sqlite" or holds_write_turn()


@pytest.fixture(autouse=True)
def every_write_goes_through_a_unit_of_work():
    """Fails the test when any code in this process commits outside a unit of work, or writes to SQLite without
    the write turn it takes (both services, the tests' own factories too)."""
    stray = StrayWrites()
    hooks = [
        ("before_commit", stray.before_commit),
        ("before_flush", stray.before_flush),
        ("do_orm_execute", stray.do_orm_execute),
    ]
    for name, hook in hooks:
        sa.event.listen(Session, name, hook)
    yield stray
    for name, hook in hooks:
        sa.event.remove(Session, name, hook)
    assert not stray.found, "writes outside a unit of work:\n" + "\n".join(stray.found)


# -- the longest files first ------------------------------------------------------------------------------

# pytest-xdist hands whole files to its workers in collection order; a long file collected last keeps one worker
# busy while the other waits. These directories hold the files that start services, longest per file first.
LONG_FIRST = ("contract", "e2e", "integration")


def pytest_collection_modifyitems(items):
    """Put the files that start services first (a stable sort: each file keeps its own order)."""

    def rank(item) -> int:
        parts = item.path.relative_to(item.config.rootpath / "tests").parts
        return LONG_FIRST.index(parts[0]) if parts[0] in LONG_FIRST else len(LONG_FIRST)

    items.sort(key=rank)


# -- what the contract run covered, printed once however the run was split -------------------------------------

_WORKER_FIGURES: dict[str, Counter] = {}


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist: add a finished worker's contract figures (tests/contract/conftest.py) to the controller's."""
    for service, cases in getattr(node, "workeroutput", {}).get("contract_figures", {}).items():
        _WORKER_FIGURES.setdefault(service, Counter()).update(cases)


def pytest_terminal_summary(terminalreporter):
    """Print what the contract run covered (docs/testing.md tells where to find them)."""
    # Split over workers the figures arrive above; in one process the contract module kept them itself.
    figures = _WORKER_FIGURES or getattr(sys.modules.get("contract_world"), "FIGURES", {})
    for service, cases in figures.items():
        if cases:
            terminalreporter.write_line(
                f"contract run, {service}: {len(cases)} operations, {sum(cases.values())} cases "
                f"(fewest {min(cases.values())}, most {max(cases.values())} per operation)"
            )
