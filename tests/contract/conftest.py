"""The real system for the contract run: both services on gunicorn, SQLite, the demo data; the run's figures."""

import pytest
from contract_world import FIGURES, GENEROUS_LIMITS, arrange
from live_stack import free_port_number, launch_stack, sqlite_stack_databases


@pytest.fixture(scope="module")
def world(tmp_path_factory, db_templates):
    """Both services, on gunicorn with the demo data, for the whole module; stopped afterwards."""
    folder = tmp_path_factory.mktemp("contract")
    databases = sqlite_stack_databases(db_templates, folder, **GENEROUS_LIMITS)
    stack = launch_stack(databases, folder, free_port_number, **GENEROUS_LIMITS)
    try:
        yield arrange(stack)
    finally:
        stack.stop()


def pytest_sessionfinish(session):
    """In a pytest-xdist worker, hand the figures to the controller, which prints them (tests/conftest.py)."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["contract_figures"] = {service: dict(cases) for service, cases in FIGURES.items()}
