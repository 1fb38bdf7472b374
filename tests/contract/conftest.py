"""The real system for the contract run: both services on gunicorn, the demo data; the run's figures."""

import os

import pytest
from contract_world import FIGURES, GENEROUS_LIMITS, arrange
from live_stack import free_port_number, launch_stack, sqlite_stack_databases, stack_templates
from schemathesis_run import in_process_apps

# PostgreSQL joins where a server is configured (tests/plugins/databases.py's matrix).
BACKENDS = ["sqlite", "postgresql"] if os.environ.get("TEST_DATABASE_URL", "").strip() else ["sqlite"]


@pytest.fixture(scope="module")
def world(tmp_path_factory, db_templates):
    """Both services, on gunicorn over SQLite with the demo data, for the whole module; stopped afterwards."""
    folder = tmp_path_factory.mktemp("contract")
    databases = sqlite_stack_databases(db_templates, folder, **GENEROUS_LIMITS)
    stack = launch_stack(databases, folder, free_port_number, **GENEROUS_LIMITS)
    try:
        yield arrange(stack)
    finally:
        stack.stop()


@pytest.fixture(scope="module")
def apps(world):
    """The world's main API and CRM as apps in this process, on the world's databases (the Schemathesis run)."""
    return in_process_apps(world.env)


@pytest.fixture(scope="module", params=BACKENDS)
def world_on_each_database(request, tmp_path_factory, db_templates):
    """As world, once over SQLite and once over PostgreSQL (when configured): for what a column's type decides."""
    folder = tmp_path_factory.mktemp(f"contract-{request.param}")
    made = []
    if request.param == "sqlite":
        databases = sqlite_stack_databases(db_templates, folder, **GENEROUS_LIMITS)
    else:
        databases = {}
        for variable, (_name, kind) in stack_templates(GENEROUS_LIMITS).items():
            database, databases[variable] = db_templates.copy_postgres(kind)
            made.append(database)
    stack = launch_stack(databases, folder, free_port_number, **GENEROUS_LIMITS)
    try:
        yield arrange(stack)
    finally:
        stack.stop()
        for database in made:
            db_templates.postgres.drop_later(database)


def pytest_sessionfinish(session):
    """In a pytest-xdist worker, hand the figures to the controller, which prints them (tests/conftest.py)."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["contract_figures"] = {service: dict(cases) for service, cases in FIGURES.items()}
